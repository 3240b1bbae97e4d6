using Bunit;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Components.Console;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>The incident page against the real app: what it shows (masked), and that it offers what the lifecycle allows.</summary>
public sealed class IncidentDetailTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Shows_the_description_the_masked_reporter_the_grid_map_history_and_clocks()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "详情-井盖", reporterName: "王秀英", reporterPhone: "13912345678",
            photoUrls: ["https://media.example.cn/a1.jpg", "/media/b2.jpg"]);
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.File, 1, "核实属实"), "先到值班员");
        await using var console = new ConsoleTestContext(factory, "d1", "详情值班员");

        var page = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Detail));
        Assert.Contains("详情-井盖：测试描述", page.Find(".cc-description").TextContent, StringComparison.Ordinal);
        var reporter = page.Find(".cc-reporter").TextContent;
        Assert.Contains("王**", reporter, StringComparison.Ordinal);
        Assert.Contains("139****5678", reporter, StringComparison.Ordinal);
        Assert.DoesNotContain("王秀英", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("svg.cc-grid-map polygon"));
        Assert.Single(page.FindAll("svg.cc-grid-map circle.cc-grid-map-marker"));
        var timeline = page.FindAll(".cc-timeline-entry");
        Assert.Equal(["File", "Report"], timeline.Select(e => e.GetAttribute("data-action")));
        Assert.Contains("先到值班员", timeline[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("核实属实", timeline[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.FindAll(".cc-clocks .cc-sla").Count);
        var photos = page.FindAll("a[data-photo]");
        Assert.Equal(["https://media.example.cn/a1.jpg", "/media/b2.jpg"], photos.Select(a => a.GetAttribute("href")));
        Assert.All(photos, a => Assert.Equal("noopener noreferrer", a.GetAttribute("rel")));
    }

    [Fact]
    public async Task Offers_only_the_actions_the_stage_allows()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "详情-阶段");
        await using var console = new ConsoleTestContext(factory, "d2", "阶段值班员");
        var page = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Detail));

        Assert.Equal(["File", "Reply", "Reject"], page.FindAll(".cc-actions button").Select(b => b.GetAttribute("data-action")));

        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.File, 1));
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.Dispatch, 2, Tier: HandlingTier.Grid));
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.Accept, 3));
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.Feedback, 4));

        // The page notices the change from the live feed and reloads by itself.
        page.WaitForAssertion(() => Assert.Equal(IncidentStage.Feedback, page.Instance.Detail!.Incident.Stage), TimeSpan.FromSeconds(10));
        Assert.Equal(["Close", "Reply", "Rework"], page.FindAll(".cc-actions button").Select(b => b.GetAttribute("data-action")));
    }

    [Fact]
    public async Task Dispatch_offers_only_units_serving_the_grid_at_the_chosen_tier()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "详情-派遣", ApiDistrict.Grid1Code);
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.File, 1));
        await using var console = new ConsoleTestContext(factory, "d3", "派遣值班员");
        var page = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Detail));

        await page.ClickAsync(".cc-actions button[data-action=Dispatch]");
        page.WaitForAssertion(() => Assert.NotNull(page.FindComponent<IncidentActions>().Instance.Pending));
        await page.InvokeAsync(() => page.Find(".cc-field-unit .mud-select-input").MouseDown());

        var options = console.Popover.WaitForElements(".mud-list-item").Select(i => i.TextContent.Trim()).ToList();
        Assert.Contains("第1网格工作站", options);
        Assert.DoesNotContain("第2网格工作站", options);
        Assert.DoesNotContain("第3网格工作站", options);
        Assert.DoesNotContain("青年路社区", options); // another tier
    }

    [Fact]
    public async Task Actions_walk_the_lifecycle_with_history_and_audit()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "详情-流程", ApiDistrict.Grid1Code);
        await using var console = new ConsoleTestContext(factory, "d4", "流程值班员");
        var page = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Detail));

        await page.ClickAsync(".cc-actions button[data-action=File]");
        page.WaitForElement(".cc-page-header [data-stage=Filed]");
        await page.ClickAsync(".cc-actions button[data-action=Dispatch]");
        await page.ClickAsync(".cc-action-confirm"); // the grid tier, nearest unit
        page.WaitForElement(".cc-page-header [data-stage=Dispatched]");
        Assert.Equal("第1网格工作站", page.Instance.Detail!.HandlingUnit);
        await page.ClickAsync(".cc-actions button[data-action=Accept]");
        page.WaitForElement(".cc-page-header [data-stage=Handling]");

        // Extend needs a reason: the confirm button stays disabled without one.
        await page.ClickAsync(".cc-actions button[data-action=Extend]");
        page.WaitForAssertion(() => Assert.True(page.Find(".cc-action-confirm").HasAttribute("disabled")));
        await page.InputAsync(".cc-field-note textarea", "等待配件");
        page.WaitForAssertion(() => Assert.False(page.Find(".cc-action-confirm").HasAttribute("disabled"), page.Find(".cc-action-form").OuterHtml));
        await page.ClickAsync(".cc-action-confirm");
        page.WaitForAssertion(() => Assert.True(page.Instance.Detail!.Incident.ExtensionCount == 1, page.Instance.Message));

        var audited = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(Incident) && e.EntityId == incident.Id.ToString())
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["incident.file", "incident.dispatch", "incident.accept", "incident.extend"], audited);
        var history = await factory.QueryAsync(db => db.IncidentHistory.Where(h => h.IncidentId == incident.Id).OrderBy(h => h.Version).ToListAsync());
        Assert.Equal([IncidentAction.Report, IncidentAction.File, IncidentAction.Dispatch, IncidentAction.Accept, IncidentAction.Extend], history.Select(h => h.Action));
        Assert.All(history.Skip(1), h => Assert.Equal("流程值班员", h.ActorName));
        Assert.Equal("等待配件", history[^1].Note);
    }
}
