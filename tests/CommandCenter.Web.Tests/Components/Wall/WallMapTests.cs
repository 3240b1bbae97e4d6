using Bunit;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;

namespace CommandCenter.Web.Tests.Components.Wall;

public sealed class WallMapTests : WallComponentTest
{
    private IRenderedComponent<WallMap> Render(LiveSnapshot snapshot, WallMeasure measure = WallMeasure.OpenIncidents, MapView? view = null,
        Action<string>? navigate = null, Action<WallMeasure>? measureChanged = null) =>
        Context.Render<WallMap>(p => p
            .Add(m => m.View, view ?? WallTestData.DistrictView())
            .Add(m => m.Snapshot, snapshot)
            .Add(m => m.Measure, measure)
            .Add(m => m.Now, WallTestData.Now)
            .Add(m => m.OnNavigate, navigate ?? (_ => { }))
            .Add(m => m.OnMeasureChanged, measureChanged ?? (_ => { })));

    private static string Fill(IRenderedComponent<WallMap> map, string grid) => map.Find($"path[data-grid='{grid}']").GetAttribute("fill")!;

    [Fact]
    public void Grids_are_coloured_by_open_incidents_relative_to_the_busiest()
    {
        var map = Render(WallTestData.Snapshot());

        Assert.Equal(4, map.FindAll(".wall-map-grids path").Count);
        Assert.Equal("6", map.Find($"path[data-grid='{WallTestData.Grid1}']").GetAttribute("data-value"));
        Assert.Equal("#d63a32", Fill(map, WallTestData.Grid1));
        Assert.Equal("#13263f", Fill(map, WallTestData.Grid2));
        Assert.NotEqual(Fill(map, WallTestData.Grid3), Fill(map, WallTestData.Grid1));
        Assert.Equal(2, map.FindAll(".wall-map-children path").Count);
        Assert.Contains("一街道", map.Find(".wall-map-labels").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_measure_changes_the_colours_and_the_legend()
    {
        var overdue = Render(WallTestData.Snapshot(), WallMeasure.Overdue);
        Assert.Equal("#d63a32", Fill(overdue, WallTestData.Grid3));
        Assert.Equal("#13263f", Fill(overdue, WallTestData.Grid4));

        var coverage = Render(WallTestData.Snapshot(), WallMeasure.PatrolCoverage);
        Assert.Equal("#1f8a5a", Fill(coverage, WallTestData.Grid3));
        Assert.Equal("#3b4452", Fill(coverage, WallTestData.Grid1));
        Assert.Contains("今日已巡查", coverage.Find(".wall-map-legend").TextContent, StringComparison.Ordinal);
        Assert.Equal("coverage", coverage.Find(".wall-map").GetAttribute("data-measure"));
    }

    [Fact]
    public void New_incidents_pulse_at_their_grid_and_old_ones_do_not()
    {
        var snapshot = WallTestData.Snapshot(newest:
        [
            WallTestData.Newest(2, WallTestData.Grid4, "第四网格", WallTestData.Now.AddSeconds(-20)),
            WallTestData.Newest(1, WallTestData.Grid1, "第一网格", WallTestData.Now.AddMinutes(-30)),
        ]);

        var map = Render(snapshot);

        var pulse = Assert.Single(map.FindAll("circle.wall-pulse"));
        Assert.Equal("2", pulse.GetAttribute("data-incident"));
        Assert.Equal("875", pulse.GetAttribute("cx"));
    }

    [Fact]
    public void An_sos_alarm_rings_at_its_grid_with_the_alarm_text()
    {
        var snapshot = WallTestData.Snapshot(newest:
            [WallTestData.Newest(3, WallTestData.Grid3, "第三网格", WallTestData.Now.AddMinutes(-1), SourceChannel.Sos, "一键呼叫求助") with { GridId = 3 }]);

        var map = Render(snapshot);

        var ring = map.Find("[data-sos='9']");
        Assert.Equal("625", ring.QuerySelector("circle")!.GetAttribute("cx"));
        var banner = map.Find(".wall-sos-banner");
        Assert.Equal("alert", banner.GetAttribute("role"));
        Assert.Contains("二街道 第三网格", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("一键呼叫求助", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("09:59", banner.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void No_alarm_no_banner()
    {
        var map = Render(WallTestData.Snapshot(alarms: []));

        Assert.Empty(map.FindAll(".wall-sos-banner"));
        Assert.Empty(map.FindAll("[data-sos]"));
    }

    [Fact]
    public void A_click_on_a_grid_drills_into_its_street_and_the_trail_goes_back()
    {
        var navigated = new List<string>();
        var map = Render(WallTestData.Snapshot(), navigate: navigated.Add);

        map.Find($"path[data-grid='{WallTestData.Grid3}']").Click();
        Assert.Equal([WallTestData.Street2], navigated);

        var street = Render(WallTestData.Snapshot(), view: WallTestData.StreetView(), navigate: navigated.Add);
        Assert.Equal("二街道", street.Find(".wall-trail-current").TextContent);
        street.Find($".wall-trail-link[data-code='{WallTestData.District}']").Click();
        Assert.Equal([WallTestData.Street2, WallTestData.District], navigated);
    }

    [Fact]
    public void The_measure_buttons_report_the_choice()
    {
        WallMeasure? chosen = null;
        var map = Render(WallTestData.Snapshot(), measureChanged: m => chosen = m);

        map.Find("button.wall-measure[data-measure='overdue']").Click();

        Assert.Equal(WallMeasure.Overdue, chosen);
        Assert.Contains("active", map.Find("button.wall-measure[data-measure='open']").ClassName, StringComparison.Ordinal);
    }
}
