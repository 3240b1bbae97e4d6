using Bunit;
using Microsoft.Extensions.DependencyInjection;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Components.Console;
using CommandCenter.Web.Tests.Api;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>The queue against the real app: scope, saved views, live arrival with highlight, Chinese labels.</summary>
public sealed class IncidentQueueTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Shows_open_incidents_of_the_officers_area_with_place_stage_and_countdowns()
    {
        var inArea = await ConsoleIncidents.ReportAsync(factory, "队列-本街道", ApiDistrict.Grid2Code, priority: IncidentPriority.Urgent);
        var elsewhere = await ConsoleIncidents.ReportAsync(factory, "队列-外街道", ApiDistrict.Grid3Code);
        var closed = await ConsoleIncidents.ReportAsync(factory, "队列-已作废", ApiDistrict.Grid2Code);
        await ConsoleIncidents.ApplyAsync(factory, closed.Id, new IncidentCommand(IncidentAction.Reject, closed.Version, "无效"));
        await using var console = new ConsoleTestContext(factory, "q1", "街道值班员", scope: ApiDistrict.Street1Code);

        var queue = console.Bunit.Render<IncidentQueue>(p => p.Add(q => q.Officer, console.Officer));

        queue.WaitForAssertion(() => Assert.Contains(queue.Instance.Rows, r => r.Id == inArea.Id));
        Assert.DoesNotContain(queue.Instance.Rows, r => r.Id == elsewhere.Id || r.Id == closed.Id);
        var row = queue.FindAll(".cc-queue tbody tr").Single(tr => tr.TextContent.Contains("队列-本街道", StringComparison.Ordinal));
        Assert.Contains("紧急", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("第2网格", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("七一路街道 / 青年路社区", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("信息采集", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("暴露垃圾", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, row.QuerySelectorAll(".cc-sla-ok").Length);
    }

    [Fact]
    public async Task Saved_views_filter_mine_overdue_and_sos()
    {
        var mine = await ConsoleIncidents.ReportAsync(factory, "视图-我处理的");
        var result = await ((IncidentTransitionService)factory.Services.GetService(typeof(IncidentTransitionService))!)
            .ApplyAsync(mine.Id, new IncidentCommand(IncidentAction.File, mine.Version), new IncidentActor("views", "视图值班员"), null);
        Assert.True(result.Succeeded);
        var sos = await ConsoleIncidents.ReportAsync(factory, "视图-SOS", source: SourceChannel.Sos);
        var other = await ConsoleIncidents.ReportAsync(factory, "视图-其他");
        var late = await ConsoleIncidents.ReportAsync(factory, "视图-两天前", reportedAt: DateTime.UtcNow.AddDays(-2));
        await using var console = new ConsoleTestContext(factory, "views", "视图值班员");
        var queue = console.Bunit.Render<IncidentQueue>(p => p.Add(q => q.Officer, console.Officer));
        queue.WaitForAssertion(() => Assert.Contains(queue.Instance.Rows, r => r.Id == other.Id));

        await queue.InvokeAsync(() => queue.FindAll(".cc-queue-views button").Single(b => b.TextContent.Contains("我处理的", StringComparison.Ordinal)).Click());
        queue.WaitForAssertion(() => Assert.Equal([mine.Id], queue.Instance.Rows.Select(r => r.Id)));

        await queue.InvokeAsync(() => queue.FindAll(".cc-queue-views button").Single(b => b.TextContent.Contains("SOS", StringComparison.Ordinal)).Click());
        queue.WaitForAssertion(() => Assert.Contains(queue.Instance.Rows, r => r.Id == sos.Id));
        Assert.All(queue.Instance.Rows, r => Assert.Equal(SourceChannel.Sos, r.Source));

        await queue.InvokeAsync(() => queue.FindAll(".cc-queue-views button").Single(b => b.TextContent.Contains("已超时", StringComparison.Ordinal)).Click());
        queue.WaitForAssertion(() => Assert.Contains(queue.Instance.Rows, r => r.Id == late.Id));
        Assert.DoesNotContain(queue.Instance.Rows, r => r.Id == other.Id);
        Assert.Contains("cc-sla-over", queue.FindAll(".cc-queue tbody tr").Single(tr => tr.TextContent.Contains("视图-两天前", StringComparison.Ordinal)).InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_incident_arrives_without_a_reload_and_is_highlighted()
    {
        await using var console = new ConsoleTestContext(factory, "live", "实时值班员");
        var queue = console.Bunit.Render<IncidentQueue>(p => p.Add(q => q.Officer, console.Officer));
        queue.WaitForAssertion(() => Assert.DoesNotContain("cc-row-new", queue.Markup, StringComparison.Ordinal));

        var arrived = await ConsoleIncidents.ReportAsync(factory, "实时-新到事件");

        queue.WaitForAssertion(() => Assert.Contains(queue.Instance.Rows, r => r.Id == arrived.Id), TimeSpan.FromSeconds(10));
        Assert.True(queue.Instance.IsNew(arrived.Id));
        var row = queue.FindAll(".cc-queue tbody tr").Single(tr => tr.TextContent.Contains("实时-新到事件", StringComparison.Ordinal));
        Assert.Contains("cc-row-new", row.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_box_narrows_the_rows()
    {
        var wanted = await ConsoleIncidents.ReportAsync(factory, "搜索-井盖独特词");
        await ConsoleIncidents.ReportAsync(factory, "搜索-别的");
        await using var console = new ConsoleTestContext(factory, "search", "搜索值班员", Roles.Admin);
        var queue = console.Bunit.Render<IncidentQueue>(p => p.Add(q => q.Officer, console.Officer));
        queue.WaitForAssertion(() => Assert.Contains(queue.Instance.Rows, r => r.Id == wanted.Id));

        await queue.InputAsync(".cc-queue-search input", "井盖独特词");

        queue.WaitForAssertion(() =>
        {
            var rows = queue.FindAll(".cc-queue tbody tr.mud-table-row");
            Assert.Single(rows);
            Assert.Contains(wanted.Number, rows[0].TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_keyboard_moves_a_cursor_in_the_order_shown_opens_its_row_and_switches_views()
    {
        var first = await ConsoleIncidents.ReportAsync(factory, "键盘-甲独特");
        var second = await ConsoleIncidents.ReportAsync(factory, "键盘-乙独特");
        await ConsoleIncidents.ReportAsync(factory, "其他事件");
        await using var console = new ConsoleTestContext(factory, "keys", "键盘值班员", Roles.Admin);
        var navigation = console.Bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var queue = console.Bunit.Render<IncidentQueue>(p => p.Add(q => q.Officer, console.Officer));
        queue.WaitForAssertion(() => Assert.Contains(queue.Instance.Rows, r => r.Id == second.Id));
        await queue.InputAsync(".cc-queue-search input", "键盘-");
        queue.WaitForAssertion(() => Assert.Equal(2, queue.FindAll(".cc-queue tbody tr.mud-table-row").Count));
        var shown = queue.FindAll(".cc-queue tbody tr.mud-table-row").Select(tr => tr.TextContent.Contains("键盘-甲独特", StringComparison.Ordinal) ? first.Id : second.Id).ToList();

        await queue.Instance.OnShortcut("j");
        Assert.Equal(shown[0], queue.Instance.Cursor);
        await queue.Instance.OnShortcut("ArrowDown");
        await queue.Instance.OnShortcut("j"); // stays on the last row shown
        Assert.Equal(shown[1], queue.Instance.Cursor);
        queue.WaitForAssertion(() => Assert.Contains("cc-row-cursor", queue.FindAll(".cc-queue tbody tr.mud-table-row")[1].ClassName, StringComparison.Ordinal));
        await queue.Instance.OnShortcut("k");
        Assert.Equal(shown[0], queue.Instance.Cursor);
        await queue.Instance.OnShortcut("x"); // not a queue key: nothing happens
        Assert.Equal(shown[0], queue.Instance.Cursor);

        await queue.Instance.OnShortcut("Enter");
        Assert.EndsWith($"/console/incidents/{shown[0]}", navigation.Uri, StringComparison.Ordinal);

        await queue.Instance.OnShortcut("4");
        queue.WaitForAssertion(() => Assert.Equal(QueueView.Sos, queue.Instance.View));
        Assert.Contains("J/K", queue.Find(".cc-queue-keys").TextContent, StringComparison.Ordinal);
    }
}
