using Bunit;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Tests.Components.Wall;

public sealed class KpiStripTests : WallComponentTest
{
    private string Kpi(IRenderedComponent<KpiStrip> strip, string name) => strip.Find($"[data-kpi={name}] .wall-kpi-value").TextContent;

    [Fact]
    public void Shows_todays_numbers_and_the_rates_by_their_formulas()
    {
        var snapshot = WallTestData.Snapshot();
        var strip = Context.Render<KpiStrip>(p => p
            .Add(k => k.Metrics, snapshot.District)
            .Add(k => k.Breakdown, snapshot.Breakdown(WallTestData.District)));

        Assert.Equal(12, strip.FindAll(".wall-kpi").Count);
        Assert.Equal("40", Kpi(strip, "received"));
        Assert.Equal("30", Kpi(strip, "closed"));
        // 结案率 = closed / (closed + overdue) = 30 / 40; 按期 = 24 / 40; 网格内 = 12 / 30.
        Assert.Equal("75.0%", Kpi(strip, "closure-rate"));
        Assert.Equal("60.0%", Kpi(strip, "on-time-rate"));
        Assert.Equal("40.0%", Kpi(strip, "in-grid-rate"));
        Assert.Equal("0.75", strip.Find("[data-kpi=closure-rate]").GetAttribute("data-value"));
        Assert.Contains("结案率", strip.Find("[data-kpi=closure-rate]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1", Kpi(strip, "open-sos"));
        Assert.Contains("wall-alarm", strip.Find("[data-kpi=open-sos]").ClassName, StringComparison.Ordinal);
        Assert.Equal("3", Kpi(strip, "patrols"));
    }

    [Fact]
    public void A_rate_with_nothing_to_divide_is_a_dash_not_zero()
    {
        var strip = Context.Render<KpiStrip>(p => p
            .Add(k => k.Metrics, NodeMetrics.Zero(WallTestData.Grid2, "第二网格", Data.Hierarchy.HierarchyLevel.Grid))
            .Add(k => k.Breakdown, NodeBreakdown.Zero(WallTestData.Grid2)));

        Assert.Equal("—", Kpi(strip, "closure-rate"));
        Assert.Equal("—", Kpi(strip, "satisfaction"));
        Assert.Equal(string.Empty, strip.Find("[data-kpi=satisfaction]").GetAttribute("data-value"));
        Assert.DoesNotContain("wall-alarm", strip.Find("[data-kpi=open-sos]").ClassName, StringComparison.Ordinal);
    }
}
