using Bunit;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Components.Console;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>
/// Server-side checks behind the console's buttons: a stale page, a forged event (a unit never offered, an action the
/// stage does not allow), another area and another role change nothing, are audited, and a conflict names who was first.
/// </summary>
public sealed class IncidentActionChecksTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private Task<List<string>> AuditedAsync(long incidentId) => factory.QueryAsync(db => db.AuditEntries
        .Where(e => e.EntityType == nameof(Incident) && e.EntityId == incidentId.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    private Task<Incident> ReloadAsync(long id) => factory.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id));

    [Fact]
    public async Task Two_officers_on_the_same_incident_the_second_is_told_who_acted_first()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "并发-受理");
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.File, 1));
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.Dispatch, 2, Tier: HandlingTier.Grid));
        await using var first = new ConsoleTestContext(factory, "c1", "甲值班员");
        await using var second = new ConsoleTestContext(factory, "c2", "乙值班员");
        var pageA = first.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        var pageB = second.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        pageA.WaitForAssertion(() => Assert.NotNull(pageA.Instance.Detail));
        pageB.WaitForAssertion(() => Assert.NotNull(pageB.Instance.Detail));

        // Both pages saw version 3 and click at once.
        await Task.WhenAll(
            pageA.InvokeAsync(() => pageA.Instance.ExecuteAsync(new IncidentCommand(IncidentAction.Accept, 3))),
            pageB.InvokeAsync(() => pageB.Instance.ExecuteAsync(new IncidentCommand(IncidentAction.Accept, 3))));

        var current = await ReloadAsync(incident.Id);
        Assert.Equal(IncidentStage.Handling, current.Stage);
        Assert.Equal(4, current.Version);
        var winner = (await factory.QueryAsync(db => db.IncidentHistory.SingleAsync(h => h.IncidentId == incident.Id && h.Action == IncidentAction.Accept))).ActorName;
        var loser = winner == "甲值班员" ? pageB : pageA;
        loser.WaitForAssertion(() => Assert.Contains($"{winner} 已先一步受理", loser.Instance.Message, StringComparison.Ordinal));
        Assert.Equal(["incident.accept", "incident.accept.rejected"], (await AuditedAsync(incident.Id)).Order());
        // The loser's page now shows the current state and offers what it allows.
        loser.WaitForAssertion(() => Assert.Equal(IncidentStage.Handling, loser.Instance.Detail!.Incident.Stage));
    }

    [Fact]
    public async Task A_stale_page_changes_nothing_and_names_who_changed_it()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "过期-页面");
        await using var console = new ConsoleTestContext(factory, "s1", "慢一步值班员");
        var page = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Detail));
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.Reject, 1, "重复上报"), "快一步值班员");

        await page.InvokeAsync(() => page.Instance.ExecuteAsync(new IncidentCommand(IncidentAction.File, 1)));

        Assert.Equal(IncidentStage.Rejected, (await ReloadAsync(incident.Id)).Stage);
        Assert.Contains("快一步值班员 已先一步作废", page.Instance.Message, StringComparison.Ordinal);
        Assert.Equal(["incident.file.rejected"], await AuditedAsync(incident.Id));
    }

    [Fact]
    public async Task Forged_events_change_nothing_and_are_audited()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "伪造-事件", ApiDistrict.Grid1Code);
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.File, 1));
        var foreignUnit = await factory.QueryAsync(db => db.HandlingUnits.Where(u => u.Name == "第3网格工作站").Select(u => u.Id).SingleAsync());
        await using var console = new ConsoleTestContext(factory, "f1", "伪造值班员");
        var page = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Detail));

        // A unit that serves another grid (never offered), and an action the stage does not allow.
        await page.InvokeAsync(() => page.Instance.ExecuteAsync(new IncidentCommand(IncidentAction.Dispatch, 2, HandlingUnitId: foreignUnit)));
        await page.InvokeAsync(() => page.Instance.ExecuteAsync(new IncidentCommand(IncidentAction.Close, 2)));

        var current = await ReloadAsync(incident.Id);
        Assert.Equal((IncidentStage.Filed, 2, (int?)null), (current.Stage, current.Version, current.HandlingUnitId));
        Assert.Equal(["incident.dispatch.rejected", "incident.close.rejected"], await AuditedAsync(incident.Id));
    }

    [Fact]
    public async Task Another_area_or_a_role_that_only_looks_changes_nothing_and_is_audited()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "范围-事件", ApiDistrict.Grid3Code);
        await using var otherStreet = new ConsoleTestContext(factory, "o1", "七一路值班员", scope: ApiDistrict.Street1Code);
        await using var analyst = new ConsoleTestContext(factory, "a1", "分析员", Roles.Analyst);

        var outside = otherStreet.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        outside.WaitForAssertion(() => Assert.Contains("不在您的辖区", outside.Markup, StringComparison.Ordinal));
        Assert.Null(outside.Instance.Detail);
        await outside.InvokeAsync(() => outside.Instance.ExecuteAsync(new IncidentCommand(IncidentAction.File, 1)));

        var looker = analyst.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        looker.WaitForAssertion(() => Assert.NotNull(looker.Instance.Detail));
        await looker.InvokeAsync(() => looker.Instance.ExecuteAsync(new IncidentCommand(IncidentAction.File, 1)));

        Assert.Equal(IncidentStage.Reported, (await ReloadAsync(incident.Id)).Stage);
        Assert.Equal(["incident.file.rejected", "incident.file.rejected"], await AuditedAsync(incident.Id));
        var users = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.EntityId == incident.Id.ToString() && e.EntityType == nameof(Incident)).Select(e => e.UserId).ToListAsync());
        Assert.Equal(["o1", "a1"], users);
    }

    [Fact]
    public async Task Keyboard_shortcuts_start_the_common_actions()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "快捷键-事件");
        await using var console = new ConsoleTestContext(factory, "k1", "键盘值班员");
        var page = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Detail));

        await page.Instance.OnShortcut("f");
        page.WaitForElement(".cc-page-header [data-stage=Filed]");
        await page.Instance.OnShortcut("d");
        page.WaitForAssertion(() => Assert.Equal(IncidentAction.Dispatch, page.FindComponent<IncidentActions>().Instance.Pending));
        await page.Instance.OnShortcut("Escape");
        page.WaitForAssertion(() => Assert.Null(page.FindComponent<IncidentActions>().Instance.Pending));
        await page.Instance.OnShortcut("c"); // close is not allowed while filed: nothing happens
        Assert.Equal(IncidentStage.Filed, (await ReloadAsync(incident.Id)).Stage);
        Assert.Equal(["incident.file"], await AuditedAsync(incident.Id));
    }
}
