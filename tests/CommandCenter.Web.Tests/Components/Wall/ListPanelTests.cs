using Bunit;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;

namespace CommandCenter.Web.Tests.Components.Wall;

/// <summary>The supervision list and the header.</summary>
public sealed class ListPanelTests : WallComponentTest
{
    private static OverdueIncident Overdue(long id, double hoursAgo) => new(id, $"N{id}", $"超期事件{id}", IncidentStage.Handling, HandlingTier.Department,
        WallTestData.Grid1, "第一网格", "一街道", WallTestData.Now.AddHours(-hoursAgo));

    [Fact]
    public void Supervision_lists_the_oldest_overdue_with_their_age()
    {
        var panel = Context.Render<SupervisionPanel>(p => p
            .Add(x => x.Overdue, [Overdue(1, 80), Overdue(2, 30), Overdue(3, 26), Overdue(4, 25), Overdue(5, 24.5)])
            .Add(x => x.OverdueCount, 12)
            .Add(x => x.Now, WallTestData.Now));

        var rows = panel.FindAll("tr[data-incident]");
        Assert.Equal(3, rows.Count);
        Assert.Contains("超期事件1", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("已 3 天", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("已 30 小时", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("职能部门", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("共 12 件", panel.Find(".wall-panel-aside").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Supervision_without_overdue_says_so()
    {
        var panel = Context.Render<SupervisionPanel>(p => p.Add(x => x.Overdue, []).Add(x => x.Now, WallTestData.Now));

        Assert.Contains("暂无超期事件", panel.Markup, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("tr"));
    }

    [Fact]
    public void The_header_shows_the_clock_freshness_and_the_newest_marquee()
    {
        IReadOnlyList<NewestIncident> newest =
        [
            WallTestData.Newest(2, WallTestData.Grid3, "第三网格", WallTestData.Now.AddMinutes(-1), SourceChannel.Sos, "一键呼叫求助"),
            WallTestData.Newest(1, WallTestData.Grid1, "第一网格", WallTestData.Now.AddMinutes(-5)),
        ];

        var header = Context.Render<WallHeader>(p => p
            .Add(x => x.Title, "王益区")
            .Add(x => x.Newest, newest)
            .Add(x => x.DataAsOf, WallTestData.Now.AddSeconds(-3))
            .Add(x => x.Now, WallTestData.Now));

        Assert.Equal("2026-11-22 10:00:00", header.Find("[data-wall-clock]").TextContent);
        Assert.Equal("false", header.Find(".wall-status").GetAttribute("data-stale"));
        Assert.Contains("数据截至 09:59:57", header.Find(".wall-status").TextContent, StringComparison.Ordinal);
        Assert.Contains("实时", header.Find(".wall-conn-connected").TextContent, StringComparison.Ordinal);
        var items = header.FindAll(".wall-marquee-item[data-incident]");
        Assert.Equal(["2", "1"], items.Select(i => i.GetAttribute("data-incident")));
        Assert.Contains("wall-marquee-sos", items[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("09:59", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("一键呼叫", items[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_announces_stale_data()
    {
        var header = Context.Render<WallHeader>(p => p
            .Add(x => x.Title, "王益区")
            .Add(x => x.Newest, [])
            .Add(x => x.DataAsOf, WallTestData.Now.AddMinutes(-10))
            .Add(x => x.Stale, true)
            .Add(x => x.Now, WallTestData.Now));

        Assert.Equal("true", header.Find(".wall-status").GetAttribute("data-stale"));
        Assert.Contains("数据延迟", header.Find(".wall-conn-connected").TextContent, StringComparison.Ordinal);
        Assert.Contains("09:50:00", header.Find(".wall-status-asof").TextContent, StringComparison.Ordinal);
    }
}
