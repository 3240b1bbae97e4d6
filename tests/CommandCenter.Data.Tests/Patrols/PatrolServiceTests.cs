using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Patrols;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Patrols;

public class PatrolServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_patrol_starts_checks_in_inside_its_grid_and_ends_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        int workerId;
        await using (var db = database.CreateContext())
        {
            workerId = (await SampleData.AddNeighbourhoodAsync(db)).Worker.Id;
        }
        var factory = new TestContextFactory(database);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero));
        using var locator = new GridLocator(factory);
        var patrols = new PatrolService(factory, locator, clock);

        var started = await patrols.StartAsync(workerId, "610202001");
        Assert.True(started.Succeeded);
        Assert.Equal(OperationStatus.Conflict, (await patrols.StartAsync(workerId, null)).Status);
        Assert.Equal(OperationStatus.OutOfScope, (await patrols.StartAsync(workerId, "610202002")).Status);

        var id = started.Value!.Id;
        Assert.True((await patrols.CheckInAsync(id, new(35.002, 109.002, "楼道堆物已清理", "photo://a.jpg", null), null)).Succeeded);
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True((await patrols.CheckInAsync(id, new(35.008, 109.008, null, null, null), null)).Succeeded);
        Assert.Contains("latitude", (await patrols.CheckInAsync(id, new(39.9, 116.4, null, null, null), null)).Errors!.Keys);
        Assert.Contains("latitude", (await patrols.CheckInAsync(id, new(double.NaN, 109, null, null, null), null)).Errors!.Keys);

        Assert.True((await patrols.EndAsync(id, null)).Succeeded);
        Assert.Equal(OperationStatus.Conflict, (await patrols.EndAsync(id, null)).Status);
        Assert.Equal(OperationStatus.Conflict, (await patrols.CheckInAsync(id, new(35.002, 109.002, null, null, null), null)).Status);
        Assert.Equal(OperationStatus.NotFound, (await patrols.EndAsync(id + 99, null)).Status);

        await using var check = database.CreateContext();
        var patrol = await check.Patrols.Include(p => p.CheckIns).SingleAsync();
        Assert.Equal(2, patrol.CheckInCount);
        Assert.Equal(2, patrol.CheckIns.Count);
        Assert.InRange(patrol.DistanceMeters, 800, 900); // about 0.006° of latitude and longitude at 35°N
        Assert.NotNull(patrol.EndedAt);
    }
}
