using CommandCenter.Data.Providers;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.ServiceOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.ServiceOrders;

public class ServiceOrderServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task An_order_goes_from_request_to_rating_and_only_party_members_take_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var (_, elder, member, _) = await SampleData.AddNeighbourhoodAsync(db);
        var service = new ServiceOrderService(new TestContextFactory(database), new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

        var requested = await service.RequestAsync(elder.Id, "代买药品", "降压药一盒", null);
        Assert.True(requested.Succeeded);
        var id = requested.Value!.Id;

        Assert.Equal(OperationStatus.Invalid, (await service.AcceptAsync(id, 1, elder.Id, null)).Status);
        Assert.Equal(OperationStatus.Conflict, (await service.FulfilAsync(id, 1, null)).Status);
        Assert.True((await service.DispatchAsync(id, 1, null, null)).Succeeded);
        Assert.Equal(OperationStatus.Conflict, (await service.AcceptAsync(id, 1, member.Id, null)).Status); // stale version
        Assert.True((await service.AcceptAsync(id, 2, member.Id, null)).Succeeded);
        Assert.Equal(OperationStatus.Conflict, (await service.RateAsync(id, RatingLevel.Satisfied, null, null)).Status);
        Assert.True((await service.FulfilAsync(id, 3, "610202001")).Succeeded);
        Assert.True((await service.RateAsync(id, RatingLevel.VerySatisfied, "很及时", null)).Succeeded);
        Assert.Equal(OperationStatus.Conflict, (await service.RateAsync(id, RatingLevel.VerySatisfied, null, null)).Status);
        Assert.Equal(OperationStatus.OutOfScope, (await service.CancelAsync(id, 4, "610202002")).Status);

        db.ChangeTracker.Clear();
        var order = await db.ServiceOrders.SingleAsync();
        Assert.Equal(ServiceOrderStatus.Fulfilled, order.Status);
        Assert.Equal(member.Id, order.VolunteerResidentId);
        Assert.Equal(4, order.Version);
        Assert.Equal(RatingLevel.VerySatisfied, (await db.Ratings.SingleAsync(r => r.ServiceOrderId == id)).Level);
    }

    [Fact]
    public async Task A_micro_wish_is_claimed_then_fulfilled()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var (_, elder, member, _) = await SampleData.AddNeighbourhoodAsync(db);
        var service = new ServiceOrderService(new TestContextFactory(database), TimeProvider.System);

        var wish = await service.AddWishAsync(elder.Id, "想要一台收音机", null);
        Assert.True(wish.Succeeded);
        Assert.Equal(OperationStatus.Invalid, (await service.AddWishAsync(elder.Id, "  ", null)).Status);
        Assert.Equal(OperationStatus.Conflict, (await service.MoveWishAsync(wish.Value!.Id, 1, MicroWishStatus.Fulfilled, null, null, null)).Status);
        Assert.Equal(OperationStatus.Invalid, (await service.MoveWishAsync(wish.Value.Id, 1, MicroWishStatus.Claimed, null, null, null)).Status);
        Assert.True((await service.MoveWishAsync(wish.Value.Id, 1, MicroWishStatus.Claimed, member.Id, null, null)).Succeeded);
        var done = await service.MoveWishAsync(wish.Value.Id, 2, MicroWishStatus.Fulfilled, null, null, null);
        Assert.True(done.Succeeded);
        Assert.Equal(3, done.Value!.Version);
        Assert.NotNull(done.Value.FulfilledAt);
    }
}
