using Bunit;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Components.Console;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>督办: overdue incidents by handling unit with how long they are overdue; one click reminds, once per 10 minutes.</summary>
public sealed class SupervisionListTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Lists_overdue_incidents_by_unit_and_reminds_with_one_click()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "督办-超时", reportedAt: DateTime.UtcNow.AddHours(-30));
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.File, 1));
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.Dispatch, 2, Tier: HandlingTier.Grid));
        long supervisionId = 0;
        await factory.WithDbAsync(async db =>
        {
            var unitId = await db.Incidents.Where(i => i.Id == incident.Id).Select(i => i.HandlingUnitId).SingleAsync();
            var supervision = new Supervision { IncidentId = incident.Id, Clock = SlaClock.Resolve, HandlingUnitId = unitId, Reason = "超时未办结", CreatedAt = DateTime.UtcNow };
            db.Supervisions.Add(supervision);
            await db.SaveChangesAsync();
            supervisionId = supervision.Id;
        });
        await using var console = new ConsoleTestContext(factory, "sv1", "督办值班员");

        var list = console.Bunit.Render<SupervisionList>(p => p.Add(l => l.Officer, console.Officer));

        var row = list.Find($"tr[data-supervision-id='{supervisionId}']");
        Assert.Contains(incident.Number, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("办结超时", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("超时 6:", row.TextContent, StringComparison.Ordinal); // reported 30 h ago, due after 24 h
        Assert.Contains("未催办", row.TextContent, StringComparison.Ordinal);
        var unit = row.Closest(".cc-supervision-unit")!;
        Assert.Contains("第1网格工作站", unit.QuerySelector(".cc-supervision-unit-name")!.TextContent, StringComparison.Ordinal);

        await list.ClickAsync($"tr[data-supervision-id='{supervisionId}'] .cc-remind");

        list.WaitForAssertion(() => Assert.Contains("已催办 1 次", list.Find($"tr[data-supervision-id='{supervisionId}']").TextContent, StringComparison.Ordinal));
        Assert.True(list.Find($"tr[data-supervision-id='{supervisionId}'] .cc-remind").HasAttribute("disabled"));
        var stored = await factory.QueryAsync(db => db.Supervisions.AsNoTracking().SingleAsync(s => s.Id == supervisionId));
        Assert.Equal(1, stored.ReminderCount);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "supervision.remind" && e.UserId == "sv1")));
    }
}
