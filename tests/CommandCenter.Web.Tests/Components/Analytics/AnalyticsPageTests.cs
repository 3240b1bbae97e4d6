using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommandCenter.Data.Analytics;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using AnalyticsPage = CommandCenter.Web.Components.Analytics.Analytics;

namespace CommandCenter.Web.Tests.Components.Analytics;

/// <summary>The page over the real reader and a real database: drill links, tabs, periods, masking and scope limits.</summary>
public sealed class AnalyticsPageTests(AnalyticsFactory factory) : IClassFixture<AnalyticsFactory>, IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private BunitAuthorizationContext _auth = null!;
    private CultureInfo? _previousCulture;

    public async Task InitializeAsync()
    {
        await AnalyticsSite.EnsureAsync(factory);
        _previousCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(LocalizationSetup.DefaultCulture);
        _context.Services.AddMudServices();
        _context.Services.AddLocalization();
        _context.Services.AddLogging();
        _context.Services.AddSingleton(TimeProvider.System);
        _context.Services.AddSingleton(factory.Services.GetRequiredService<AnalyticsReader>());
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = _context.AddAuthorization();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _previousCulture!;
    }

    private IRenderedComponent<AnalyticsPage> Render(string query, string? scope = null)
    {
        _auth.SetAuthorized("analyst");
        _auth.SetRoles("Analyst");
        _auth.SetClaims(scope is null ? [] : [new Claim(CommandCenterClaims.Scope, scope)]);
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/analytics" + query);
        var page = _context.Render<AnalyticsPage>();
        page.WaitForState(() => !page.Markup.Contains("mud-progress-linear", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public void The_district_ranks_its_streets_with_drill_links_that_keep_the_period_and_tab()
    {
        var page = Render("?period=30d&tab=events");

        Assert.Equal("测试区", page.Find("h1").TextContent);
        var ranking = page.Find("[data-table=ranking]");
        var link = ranking.QuerySelector("a.cc-an-drill")!;
        Assert.Equal($"analytics?node={AnalyticsSite.Street}&period=30d&tab=events", link.GetAttribute("href"));
        Assert.Single(page.FindAll("[data-period='30d'][data-selected]"));
        Assert.Single(page.FindAll("[data-period][data-selected]"));
        Assert.NotEmpty(page.FindAll("[data-testid=heatmap] .cc-an-heat-cell"));
        Assert.Equal(7 * 24, page.FindAll("[data-testid=heatmap] .cc-an-heat-cell").Count);
    }

    [Fact]
    public async Task The_events_numbers_are_the_rollups_of_the_period()
    {
        var page = Render($"?node={AnalyticsSite.Community}&period=7d&tab=events");

        var expected = 0;
        await factory.WithDbAsync(async db =>
        {
            var today = Data.ChinaDay.Of(DateTime.UtcNow);
            var (start, _) = Data.ChinaDay.Bounds(today.AddDays(-6));
            var (_, end) = Data.ChinaDay.Bounds(today);
            expected = await db.Incidents.CountAsync(i => i.ReportedAt >= start && i.ReportedAt < end);
        });
        Assert.True(expected > 0);
        var received = page.Find("[data-metric=Received] .cc-stat-value").TextContent;
        Assert.Equal(expected.ToString("N0", CultureInfo.CurrentCulture), received);
        Assert.Equal(["测试区", "测试街道"], page.FindAll(".cc-an-breadcrumb a").Select(e => e.TextContent));
        Assert.Equal("测试社区", page.Find(".cc-an-breadcrumb .cc-an-current").TextContent);
    }

    [Fact]
    public void A_grid_links_its_buildings_a_building_its_households_and_a_household_shows_masked_residents()
    {
        var grid = Render($"?node={AnalyticsSite.Grid}&tab=places");
        var building = grid.Find($"[data-table=buildings] tr[data-node='{AnalyticsSite.Building}'] a");
        Assert.Equal($"analytics?node={AnalyticsSite.Building}&period=7d&tab=places", building.GetAttribute("href"));

        var rooms = Render($"?node={AnalyticsSite.Building}");
        var household = rooms.Find($"[data-table=rooms] tr[data-node='{AnalyticsSite.Household}'] a");
        Assert.Equal("1-9-0901", household.TextContent);

        var residents = Render($"?node={Uri.EscapeDataString(AnalyticsSite.Household)}");
        Assert.Contains("欧阳**", residents.Markup, StringComparison.Ordinal);
        Assert.Contains("139****5678", residents.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(AnalyticsSite.ResidentName, residents.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(AnalyticsSite.ResidentPhone, residents.Markup, StringComparison.Ordinal);
        // District, street, community, grid and building are links; the household is the current node.
        Assert.Equal(5, residents.FindAll(".cc-an-breadcrumb a").Count);
    }

    [Fact]
    public void A_scoped_analyst_lands_on_the_scope_and_cannot_open_anything_outside_it()
    {
        var home = Render("", scope: AnalyticsSite.OtherGrid);
        Assert.Equal("第2网格", home.Find("h1").TextContent);
        Assert.Empty(home.FindAll(".cc-an-breadcrumb a")); // ancestors above the scope are not links

        var outside = Render($"?node={AnalyticsSite.Community}", scope: AnalyticsSite.OtherGrid);
        Assert.NotNull(outside.Find("[data-testid=not-found]"));
        Assert.Empty(outside.FindAll("[data-export]"));

        var household = Render($"?node={Uri.EscapeDataString(AnalyticsSite.Household)}", scope: AnalyticsSite.OtherGrid);
        Assert.NotNull(household.Find("[data-testid=not-found]"));
        Assert.DoesNotContain("欧阳", household.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_people_tab_shows_the_snapshot_and_exports_carry_the_filters()
    {
        var page = Render($"?node={AnalyticsSite.Community}&period=today&tab=people");

        Assert.Contains("实有人口", page.Markup, StringComparison.Ordinal);
        var csv = page.Find("[data-export=csv]").GetAttribute("href");
        Assert.Equal($"analytics/export.csv?node={AnalyticsSite.Community}&period=today&tab=people", csv);
        Assert.Single(page.FindAll("[data-period='today'][data-selected]"));
    }

    [Fact]
    public void The_custom_range_picker_shows_Chinese_days()
    {
        // The default culture's own short date is yyyy/M/d; the pages show yyyy-MM-dd (a browser's date input would follow the browser: 11/27/2026).
        var page = Render($"?node={AnalyticsSite.Community}&period=custom&from=2026-11-01&to=2026-11-27");

        var days = page.FindAll("input[data-testid=custom-range]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["2026-11-01", "2026-11-27"], days);
        Assert.Contains("2026-11-01", page.Find(".cc-an-range").TextContent, StringComparison.Ordinal);
    }
}
