using System.Globalization;
using Bunit;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.Places;
using CommandCenter.Data.Statistics;
using CommandCenter.Web.Components.Home;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CommandCenter.Web.Tests.Components.Home;

public sealed class TotalsBoardTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private CultureInfo? _previousCulture;

    private static readonly DistrictTotals Sample = new(
        new HierarchyTotals("王益区", 6, 20, 285, 281),
        new PeopleTotals(296166, 250000, 45000, 1166, 52000, 8100, 48000, 9300, 2100, 1500, 12800),
        new PlaceTotals(3444, 131395, 98000, new Dictionary<PlaceKind, long> { [PlaceKind.School] = 42, [PlaceKind.Hospital] = 7 }),
        new ComponentTotals(
            [new ComponentMajorTotal("01", "公用设施", 12000), new ComponentMajorTotal("02", "道路交通", 4870)],
            new Dictionary<ComponentState, long> { [ComponentState.Normal] = 16500, [ComponentState.Damaged] = 370 }),
        new OrganizationTotals(
            new Dictionary<OrganizationKind, long> { [OrganizationKind.Enterprise] = 3921, [OrganizationKind.PartyOrganization] = 720 },
            new Dictionary<PartyTier, long> { [PartyTier.GridBranch] = 104, [PartyTier.BuildingGroup] = 242 }),
        new IncidentYearTotals(2026, 66992, 812, 65800, 380));

    public Task InitializeAsync()
    {
        _previousCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        _context.Services.AddMudServices();
        _context.Services.AddLocalization();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _previousCulture!;
    }

    [Fact]
    public void Shows_large_numerals_with_Chinese_labels()
    {
        var board = _context.Render<TotalsBoard>(p => p.Add(b => b.Totals, Sample));

        var strip = board.Find(".cc-strip");
        Assert.Contains("296,166", strip.TextContent, StringComparison.Ordinal);
        Assert.Contains("实有人口", strip.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026 年事件", strip.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, board.FindAll(".cc-stat-large").Count);
    }

    [Fact]
    public void Lists_every_key_group_and_resident_type()
    {
        var board = _context.Render<TotalsBoard>(p => p.Add(b => b.Totals, Sample));
        var labels = board.FindAll(".cc-stat-label").Select(e => e.TextContent).ToList();

        foreach (var label in new[] { "户籍人口", "流动人口", "境外人员", "60岁以上", "独居老人", "未成年人", "残疾人", "留守人员", "特殊关爱", "党员" })
        {
            Assert.Contains(label, labels);
        }
        Assert.Contains("52,000", board.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Breakdowns_show_every_kind_including_zero_and_component_classes_as_stored()
    {
        var board = _context.Render<TotalsBoard>(p => p.Add(b => b.Totals, Sample));
        var rows = board.FindAll(".cc-breakdown li")
            .Select(li => (li.QuerySelector(".cc-breakdown-label")!.TextContent, li.QuerySelector(".cc-breakdown-count")!.TextContent))
            .ToList();

        Assert.Contains(("学校", "42"), rows);
        Assert.Contains(("车站", "0"), rows);
        Assert.Contains(("公用设施", "12,000"), rows);
        Assert.Contains(("损坏", "370"), rows);
        Assert.Contains(("非公企业", "3,921"), rows);
        Assert.Contains(("楼栋党小组", "242"), rows);
        Assert.Equal(Enum.GetValues<PlaceKind>().Length, rows.Count(r => r.Item1 is "重点场所" or "学校" or "出租房屋" or "医院" or "市场" or "幼儿园" or "养老机构" or "广场" or "车站"));
    }

    [Fact]
    public void English_culture_switches_the_labels()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

        var board = _context.Render<TotalsBoard>(p => p.Add(b => b.Totals, Sample));

        Assert.Contains("Residents", board.Find(".cc-strip").TextContent, StringComparison.Ordinal);
        Assert.Contains("Aged 60+", board.Markup, StringComparison.Ordinal);
    }
}
