using Bunit;
using System.Text.Json;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;

namespace CommandCenter.Web.Tests.Components.Wall;

/// <summary>The right column's charts: what each chart is created with.</summary>
public sealed class ChartPanelTests : WallComponentTest
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Incident_flow_charts_open_incidents_by_stage_and_today_by_source()
    {
        var metrics = WallTestData.Metrics(WallTestData.District, "王益区", HierarchyLevel.District, received: 6) with
        {
            OpenByStage = new StageCounts(1, 2, 3, 4, 5),
        };
        var sources = new int[Enum.GetValues<SourceChannel>().Length];
        sources[(int)SourceChannel.Hotline12345] = 4;
        sources[(int)SourceChannel.Sos] = 2;
        var breakdown = NodeBreakdown.Zero(WallTestData.District) with { ReceivedBySource = new ValueList<int>(sources) };

        var panel = Context.Render<IncidentFlowPanel>(p => p.Add(x => x.Metrics, metrics).Add(x => x.Breakdown, breakdown));

        Assert.Contains("在办 15", panel.Find("[data-panel=status] .wall-panel-aside").TextContent, StringComparison.Ordinal);
        var charts = ChartsCreated();
        Assert.Equal(2, charts.Count);
        var status = Json(charts[0].Series);
        Assert.Equal([1, 2, 3, 4, 5], status[0].GetProperty("data").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("信息采集", Json(charts[0].Options).GetProperty("xaxis").GetProperty("categories")[0].GetString());
        Assert.Equal(sources, Json(charts[1].Series).EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("12345热线", Json(charts[1].Options).GetProperty("labels")[1].GetString());
        Assert.Equal("donut", Json(charts[1].Options).GetProperty("chart").GetProperty("type").GetString());
    }

    [Fact]
    public void The_hourly_trend_stops_today_at_the_current_hour_and_shows_all_of_yesterday()
    {
        var today = new int[24];
        today[8] = 5;
        today[9] = 7;
        var breakdown = WallTestData.Breakdown(WallTestData.District, hourlyToday: today) with { HourlyYesterday = new ValueList<int>(Enumerable.Repeat(2, 24)) };

        var panel = Context.Render<TrendPanel>(p => p.Add(x => x.Breakdown, breakdown).Add(x => x.CurrentHour, 10));

        Assert.Contains("今日 12 · 昨日 48", panel.Find(".wall-panel-aside").TextContent, StringComparison.Ordinal);
        var series = Json(Assert.Single(ChartsCreated()).Series);
        var todayData = series[0].GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(7, todayData[9].GetInt32());
        Assert.Equal(0, todayData[10].GetInt32());
        Assert.Equal(JsonValueKind.Null, todayData[11].ValueKind);
        Assert.Equal(24, series[1].GetProperty("data").GetArrayLength());
    }

    [Fact]
    public void Top_categories_and_the_busiest_children_are_bar_charts()
    {
        var breakdown = NodeBreakdown.Zero(WallTestData.District) with
        {
            TopCategories = new ValueList<CategoryReportsToday>([new CategoryReportsToday("E0102", "暴露垃圾", 9), new CategoryReportsToday("C0101", "上水井盖", 4)]),
        };
        var snapshot = WallTestData.Snapshot();
        IReadOnlyList<NodeMetrics> children = [snapshot.Node(WallTestData.Street1)!, snapshot.Node(WallTestData.Street2)!];

        var panel = Context.Render<CategoryStreetPanel>(p => p.Add(x => x.Breakdown, breakdown).Add(x => x.Children, children).Add(x => x.ChildTitle, "各街道今日受理"));

        var charts = ChartsCreated();
        Assert.Equal(["暴露垃圾", "上水井盖"], Json(charts[0].Options).GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["一街道", "二街道"], Json(charts[1].Options).GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([25, 15], Json(charts[1].Series)[0].GetProperty("data").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Contains("各街道今日受理", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void No_categories_today_says_so_instead_of_an_empty_chart()
    {
        var panel = Context.Render<CategoryStreetPanel>(p => p.Add(x => x.Breakdown, NodeBreakdown.Zero(WallTestData.Grid1)).Add(x => x.Children, []));

        Assert.Empty(ChartsCreated());
        Assert.Contains("今日暂无", panel.Find("[data-panel=categories]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Satisfaction_trend_is_daily_percent_and_patrol_coverage_a_ring()
    {
        var days = Enumerable.Repeat(new Satisfaction(0, 0), NodeBreakdown.SatisfactionDays).ToArray();
        days[^1] = new Satisfaction(49, 50);
        var breakdown = NodeBreakdown.Zero(WallTestData.District) with { SatisfactionByDay = new ValueList<Satisfaction>(days) };
        var metrics = WallTestData.Metrics(WallTestData.District, "王益区", HierarchyLevel.District, patrols: 3, patrolled: 1, grids: 4);

        var panel = Context.Render<SatisfactionPatrolPanel>(p => p.Add(x => x.Metrics, metrics).Add(x => x.Breakdown, breakdown).Add(x => x.Today, new DateOnly(2026, 11, 22)));

        var chart = Assert.Single(ChartsCreated());
        var data = Json(chart.Series)[0].GetProperty("data");
        Assert.Equal(98, data[29].GetDouble());
        Assert.Equal(JsonValueKind.Null, data[0].ValueKind);
        Assert.Equal("11/22", Json(chart.Options).GetProperty("xaxis").GetProperty("categories")[29].GetString());
        Assert.Equal("0.25", panel.Find(".wall-coverage").GetAttribute("data-value"));
        Assert.Contains("25.0", panel.Find(".wall-coverage-ring").TextContent, StringComparison.Ordinal);
        Assert.Contains("已巡 1 / 4 网格", panel.Find(".wall-coverage-text").TextContent, StringComparison.Ordinal);
    }
}
