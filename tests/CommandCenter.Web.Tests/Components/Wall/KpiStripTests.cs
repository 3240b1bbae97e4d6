using Bunit;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;

namespace CommandCenter.Web.Tests.Components.Wall;

public sealed class KpiStripTests : WallComponentTest
{
    private string Kpi(IRenderedComponent<KpiStrip> strip, string name) => strip.Find($"[data-kpi={name}] .wall-kpi-value").TextContent;

    [Fact]
    public void Shows_todays_numbers_and_the_rates_by_their_formulas()
    {
        var snapshot = WallTestData.Snapshot();
        var strip = Context.Render<KpiStrip>(p => p
            .Add(k => k.Metrics, snapshot.District));

        Assert.Equal(12, strip.FindAll(".wall-kpi").Count);
        Assert.Equal("40", Kpi(strip, "received"));
        Assert.Equal("30", Kpi(strip, "closed"));
        // 结案率 = closed / due = 30 / 40; 按期 = 24 / 40; 网格内 = 12 / 30 (the node's Kpis, as analytics computes them).
        Assert.Equal("75.0%", Kpi(strip, "closure-rate"));
        Assert.Equal("60.0%", Kpi(strip, "on-time-rate"));
        Assert.Equal("40.0%", Kpi(strip, "in-grid-rate"));
        Assert.Equal("0.75", strip.Find("[data-kpi=closure-rate]").GetAttribute("data-value"));
        Assert.Contains("结案率", strip.Find("[data-kpi=closure-rate]").TextContent, StringComparison.Ordinal);
        // Each rate's formula is its tooltip; plain counts have none.
        Assert.Contains("应结案", strip.Find("[data-kpi=closure-rate]").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("网格", strip.Find("[data-kpi=in-grid-rate]").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Null(strip.Find("[data-kpi=received]").GetAttribute("title"));
        Assert.Equal("1", Kpi(strip, "open-sos"));
        Assert.Contains("wall-alarm", strip.Find("[data-kpi=open-sos]").ClassName, StringComparison.Ordinal);
        Assert.Equal("3", Kpi(strip, "patrols"));
    }

    [Fact]
    public void A_rate_with_nothing_to_divide_is_a_dash_not_zero()
    {
        var strip = Context.Render<KpiStrip>(p => p
            .Add(k => k.Metrics, NodeMetrics.Zero(WallTestData.Grid2, "第二网格", Data.Hierarchy.HierarchyLevel.Grid)));

        Assert.Equal("—", Kpi(strip, "closure-rate"));
        Assert.Equal("—", Kpi(strip, "satisfaction"));
        Assert.Equal(string.Empty, strip.Find("[data-kpi=satisfaction]").GetAttribute("data-value"));
        Assert.DoesNotContain("wall-alarm", strip.Find("[data-kpi=open-sos]").ClassName, StringComparison.Ordinal);
    }
}
