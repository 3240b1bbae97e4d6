using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Idempotency;

public class IdempotencyStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Reserve_complete_replay_mismatch_and_in_flight(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
        var factory = new TestContextFactory(database);
        var store = new IdempotencyStore(factory, clock);
        await using (var db = database.CreateContext())
        {
            await SampleData.AddGridAsync(db);
            db.IncidentCategories.Add(new IncidentCategory { Code = "E0101", Kind = CategoryKind.Event, MajorCode = "01", MajorName = "市容环境", MinorCode = "01", MinorName = "暴露垃圾" });
            await db.SaveChangesAsync();
        }
        using var locator = new GridLocator(factory);
        var intake = new IncidentIntakeService(factory, locator, Options.Create(new SlaOptions()), clock);

        var first = await store.ReserveAsync("apikey:1", "k-1", "hash-a");
        Assert.Equal(ReservationOutcome.Reserved, first.Outcome);
        Assert.Equal(ReservationOutcome.InFlight, (await store.ReserveAsync("apikey:1", "k-1", "hash-a")).Outcome);
        Assert.Equal(ReservationOutcome.Mismatch, (await store.ReserveAsync("apikey:1", "k-1", "hash-b")).Outcome);
        Assert.Equal(ReservationOutcome.Reserved, (await store.ReserveAsync("apikey:2", "k-1", "hash-a")).Outcome); // another client

        var report = new IncidentReport { Title = "垃圾堆放", CategoryCode = "E0101", GridCode = "610202001001001", Source = SourceChannel.Hotline12345 };
        var created = await intake.ReportAsync(report, new(null, "12345"), null, first.Record!.Id);
        Assert.True(created.Succeeded);
        // Committed but its answer not yet stored: a duplicate is still in flight (a replay now would send another body).
        Assert.Equal(ReservationOutcome.InFlight, (await store.ReserveAsync("apikey:1", "k-1", "hash-a")).Outcome);
        await store.SaveResponseAsync(first.Record.Id, "{\"id\":1}");

        var replay = await store.ReserveAsync("apikey:1", "k-1", "hash-a");
        Assert.Equal(ReservationOutcome.Replay, replay.Outcome);
        Assert.Equal(201, replay.Record!.StatusCode);
        Assert.Equal(created.Incident!.Id, replay.Record.ResourceId);
        Assert.Equal("{\"id\":1}", replay.Record.ResponseBody);

        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Incidents.CountAsync());
    }

    [Fact]
    public async Task An_abandoned_reservation_is_taken_over_and_a_released_one_is_free()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
        var store = new IdempotencyStore(new TestContextFactory(database), clock);

        var first = await store.ReserveAsync("user:u", "k", "h");
        clock.Advance(IdempotencyStore.AbandonAfter + TimeSpan.FromSeconds(1));
        var takeover = await store.ReserveAsync("user:u", "k", "h");
        Assert.Equal(ReservationOutcome.Reserved, takeover.Outcome);
        Assert.Equal(first.Record!.Id, takeover.Record!.Id);

        await store.ReleaseAsync(takeover.Record.Id);
        Assert.Equal(ReservationOutcome.Reserved, (await store.ReserveAsync("user:u", "k", "other")).Outcome);
    }

    [Fact]
    public async Task A_commit_whose_answer_was_never_stored_replays_the_resource_after_the_abandon_time()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
        var factory = new TestContextFactory(database);
        var store = new IdempotencyStore(factory, clock);
        var reserved = await store.ReserveAsync("apikey:1", "k", "h");
        await using (var db = database.CreateContext())
        {
            await IdempotencyStore.CompleteAsync(db, reserved.Record!.Id, 201, "incident", 42, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        }

        Assert.Equal(ReservationOutcome.InFlight, (await store.ReserveAsync("apikey:1", "k", "h")).Outcome);
        clock.Advance(IdempotencyStore.AbandonAfter + TimeSpan.FromSeconds(1));
        var replay = await store.ReserveAsync("apikey:1", "k", "h");
        Assert.Equal(ReservationOutcome.Replay, replay.Outcome);
        Assert.Equal(42, replay.Record!.ResourceId);
        Assert.Null(replay.Record.ResponseBody);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("abc-123_X", true)]
    [InlineData("has space", false)]
    [InlineData("全角", false)]
    public void Keys_are_printable_ascii(string key, bool valid) => Assert.Equal(valid, IdempotencyStore.IsValidKey(key));
}
