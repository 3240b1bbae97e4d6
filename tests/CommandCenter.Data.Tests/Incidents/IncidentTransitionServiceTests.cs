using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Incidents;

public class IncidentTransitionServiceTests
{
    private static readonly DateTime Reported = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    private static async Task<(IncidentTransitionService Service, long Id)> ArrangeAsync(TestDatabase database, FakeTimeProvider clock)
    {
        long id;
        await using (var db = database.CreateContext())
        {
            var incident = await SampleData.AddIncidentAsync(db, Reported);
            db.HandlingUnits.AddRange(
                new HandlingUnit { Name = "第一网格", Tier = HandlingTier.Grid, AreaCode = "610202001001001" },
                new HandlingUnit { Name = "青年路社区", Tier = HandlingTier.Community, AreaCode = "610202001001" },
                new HandlingUnit { Name = "别的社区", Tier = HandlingTier.Community, AreaCode = "610202001002" });
            await db.SaveChangesAsync();
            id = incident.Id;
        }
        return (new IncidentTransitionService(new TestContextFactory(database), clock), id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Two_officers_accepting_at_once_exactly_one_wins(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Reported.AddMinutes(3));
        var (service, id) = await ArrangeAsync(database, clock);
        var officer = new IncidentActor("a", "甲");
        Assert.True((await service.ApplyAsync(id, new(IncidentAction.File, 1), officer, null)).Succeeded);
        Assert.True((await service.ApplyAsync(id, new(IncidentAction.Dispatch, 2, Tier: HandlingTier.Grid), officer, null)).Succeeded);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => service.ApplyAsync(id, new(IncidentAction.Accept, 3), new IncidentActor($"o{i}", $"值班员{i}"), null))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
        {
            Assert.Equal(TransitionStatus.StaleVersion, r.Status);
            Assert.Contains("值班员", r.Message, StringComparison.Ordinal);
        });
        await using var db = database.CreateContext();
        var incident = await db.Incidents.SingleAsync(x => x.Id == id);
        Assert.Equal(4, incident.Version);
        Assert.Equal(IncidentStage.Handling, incident.Stage);
        Assert.Equal(4, await db.IncidentHistory.CountAsync(h => h.IncidentId == id));
        Assert.Single(await db.IncidentHistory.Where(h => h.IncidentId == id && h.Action == IncidentAction.Accept).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Scope_version_stage_and_unit_are_checked_on_the_server(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Reported.AddMinutes(3));
        var (service, id) = await ArrangeAsync(database, clock);
        var officer = new IncidentActor("a", "甲");

        Assert.Equal(TransitionStatus.NotFound, (await service.ApplyAsync(id + 1000, new(IncidentAction.File, 1), officer, null)).Status);
        Assert.Equal(TransitionStatus.OutOfScope, (await service.ApplyAsync(id, new(IncidentAction.File, 1), officer, "610202002")).Status);
        Assert.Equal(TransitionStatus.StaleVersion, (await service.ApplyAsync(id, new(IncidentAction.File, 0), officer, null)).Status);
        Assert.Equal(TransitionStatus.IllegalTransition, (await service.ApplyAsync(id, new(IncidentAction.Close, 1), officer, null)).Status);
        Assert.True((await service.ApplyAsync(id, new(IncidentAction.File, 1), officer, "610202001")).Succeeded);

        await using (var db = database.CreateContext())
        {
            var elsewhere = await db.HandlingUnits.SingleAsync(u => u.Name == "别的社区");
            var refused = await service.ApplyAsync(id, new(IncidentAction.Dispatch, 2, HandlingUnitId: elsewhere.Id), officer, null);
            Assert.Equal(TransitionStatus.Invalid, refused.Status);
            Assert.Contains("handlingUnitId", refused.Errors!.Keys);
        }

        var escalated = await service.ApplyAsync(id, new(IncidentAction.Dispatch, 2, Tier: HandlingTier.Grid), officer, null);
        Assert.True(escalated.Succeeded);
        var up = await service.ApplyAsync(id, new(IncidentAction.Escalate, 3, Note: "上报社区"), officer, null);
        Assert.True(up.Succeeded);
        Assert.Equal(HandlingTier.Community, up.Incident!.Tier);

        await using var check = database.CreateContext();
        var unit = await check.HandlingUnits.SingleAsync(u => u.Id == up.Incident.HandlingUnitId);
        Assert.Equal("青年路社区", unit.Name);
        Assert.Equal(4, (await check.Incidents.SingleAsync(x => x.Id == id)).Version);
    }
}
