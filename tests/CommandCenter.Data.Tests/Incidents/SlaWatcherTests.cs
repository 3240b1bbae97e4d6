using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Incidents;

public class SlaWatcherTests
{
    private static readonly DateTime Reported = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Breaches_are_marked_supervised_and_escalated_once_even_when_two_watchers_run(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Reported.AddMinutes(2));
        var factory = new TestContextFactory(database);
        long id;
        await using (var db = database.CreateContext())
        {
            id = (await SampleData.AddIncidentAsync(db, Reported)).Id;
            db.HandlingUnits.AddRange(
                new HandlingUnit { Name = "第一网格", Tier = HandlingTier.Grid, AreaCode = "610202001001001" },
                new HandlingUnit { Name = "青年路社区", Tier = HandlingTier.Community, AreaCode = "610202001001" });
            await db.SaveChangesAsync();
        }
        var transitions = new IncidentTransitionService(factory, clock);
        var officer = new IncidentActor("a", "甲");
        Assert.True((await transitions.ApplyAsync(id, new(IncidentAction.File, 1), officer, null)).Succeeded);
        Assert.True((await transitions.ApplyAsync(id, new(IncidentAction.Dispatch, 2, Tier: HandlingTier.Grid), officer, null)).Succeeded);

        SlaWatcher Watcher() => new(factory, transitions, Options.Create(new SlaWatchOptions()), clock, NullLogger<SlaWatcher>.Instance);
        var early = await Watcher().RunAsync();
        Assert.Equal(0, early.RespondBreaches);
        Assert.Empty(early.SupervisedIncidentIds);

        clock.Advance(TimeSpan.FromMinutes(20)); // past the respond (15) clock, before the reply (30) clock
        var runs = await Task.WhenAll(Watcher().RunAsync(), Watcher().RunAsync());
        var again = await Watcher().RunAsync();

        Assert.Equal(1, runs.Sum(r => r.RespondBreaches));
        Assert.Equal(0, runs.Sum(r => r.ReplyBreaches));
        Assert.Equal(1, runs.Sum(r => r.EscalatedIncidentIds.Count));
        Assert.Empty(again.SupervisedIncidentIds);
        Assert.Empty(again.EscalatedIncidentIds);

        await using var check = database.CreateContext();
        var incident = await check.Incidents.SingleAsync();
        Assert.True(incident.RespondBreached);
        Assert.False(incident.ReplyBreached);
        Assert.Equal(HandlingTier.Community, incident.Tier);
        Assert.Equal(1, incident.EscalationCount);
        var supervision = await check.Supervisions.SingleAsync();
        Assert.Equal(SlaClock.Respond, supervision.Clock);
        Assert.Equal(1, await check.IncidentHistory.CountAsync(h => h.Action == IncidentAction.Escalate));

        // Closing resolves the supervision.
        Assert.True((await transitions.ApplyAsync(id, new(IncidentAction.Accept, incident.Version), officer, null)).Succeeded);
        Assert.True((await transitions.ApplyAsync(id, new(IncidentAction.Feedback, incident.Version + 1), officer, null)).Succeeded);
        Assert.True((await transitions.ApplyAsync(id, new(IncidentAction.Close, incident.Version + 2), officer, null)).Succeeded);
        await using var after = database.CreateContext();
        Assert.NotNull((await after.Supervisions.SingleAsync()).ResolvedAt);
    }
}
