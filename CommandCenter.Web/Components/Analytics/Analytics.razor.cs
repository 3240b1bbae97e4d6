using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Analytics;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Components.Analytics;

/// <summary>
/// The analysts' drill-down: district → street → community → grid → building → household, with the 人/事/地/物/情/组织
/// tabs over a period compared with the one before. Reads rollups and snapshots through <see cref="AnalyticsReader"/>,
/// limited to the signed-in user's scope.
/// </summary>
public partial class Analytics : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private bool _failed;
    private bool _notFound;
    private bool _invalidPeriod;
    private bool _rollupsPending;
    private DateRange _customRange = new();
    private string? _scope;

    [Inject] private AnalyticsReader Reader { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IStringLocalizer<AnalyticsResource> Text { get; set; } = default!;
    [Inject] private ILogger<Analytics> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [SupplyParameterFromQuery(Name = "node")] public string? NodeParameter { get; set; }
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodParameter { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? FromParameter { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? ToParameter { get; set; }
    [SupplyParameterFromQuery(Name = "tab")] public string? TabParameter { get; set; }

    private AnalyticsFilter Filter { get; set; } = AnalyticsFilter.Parse(null, null, null, null, null);
    private AnalyticsPeriod? Period { get; set; }
    private IReadOnlyList<AnalyticsNode> Breadcrumb { get; set; } = [];
    private AreaReport? Area { get; set; }
    private BuildingReport? Building { get; set; }
    private HouseholdReport? Household { get; set; }
    private IReadOnlyList<AnalyticsTable> Tables { get; set; } = [];
    private bool Loading { get; set; } = true;

    private int ActiveTab
    {
        get => Math.Max(0, AnalyticsTabs.All.ToList().IndexOf(Filter.Tab));
        set => Navigation.NavigateTo("analytics" + Filter.ToQuery(tab: AnalyticsTabs.All[value]));
    }

    protected override async Task OnParametersSetAsync()
    {
        Filter = AnalyticsFilter.Parse(NodeParameter, PeriodParameter, FromParameter, ToParameter, TabParameter);
        _failed = _notFound = _invalidPeriod = false;
        Area = null;
        Building = null;
        Household = null;
        Tables = [];
        Loading = true;
        var now = Time.GetUtcNow().UtcDateTime;
        Period = Filter.Resolve(now, Reader.Options.MaxPeriodDays);
        _customRange = new DateRange(ToDateTime(Filter.From ?? Period?.From), ToDateTime(Filter.To ?? Period?.To));
        try
        {
            var scope = _scope = AuthenticationState is null ? null : (await AuthenticationState).User.FindFirst(CommandCenterClaims.Scope)?.Value;
            _rollupsPending = !await Reader.RollupsBuiltAsync(_disposed.Token);
            var code = AnalyticsReader.EffectiveCode(Filter.Node, scope, await Reader.DistrictCodeAsync(_disposed.Token));
            var tables = new AnalyticsTables(Text);
            switch (code is null ? null : AnalyticsReader.LevelOf(code))
            {
                case null:
                    _notFound = true;
                    break;
                case HierarchyLevel.Building:
                    Building = await Reader.LoadBuildingAsync(code!, scope, _disposed.Token);
                    _notFound = Building is null;
                    Breadcrumb = Building?.Breadcrumb ?? [];
                    Tables = Building is null ? [] : tables.ForBuilding(Building);
                    break;
                case HierarchyLevel.Household:
                    Household = await Reader.LoadHouseholdAsync(code!, scope, ChinaDay.Of(now), _disposed.Token);
                    _notFound = Household is null;
                    Breadcrumb = Household?.Breadcrumb ?? [];
                    Tables = Household is null ? [] : tables.ForHousehold(Household);
                    break;
                default:
                    if (Period is null)
                    {
                        _invalidPeriod = true;
                        break;
                    }
                    Area = await Reader.LoadAreaAsync(code!, Period, scope, _disposed.Token);
                    _notFound = Area is null;
                    Breadcrumb = Area?.Breadcrumb ?? [];
                    Tables = Area is null ? [] : tables.ForArea(Area, Filter.Tab);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not read the analytics of {Node}", Filter.Node);
            _failed = true;
        }
        finally
        {
            Loading = false;
        }
    }

    private string Link(string node) => "analytics" + Filter.ToQuery(node: node);

    /// <summary>Ancestors above a scoped user's node are shown, not linked.</summary>
    private bool InScope(string node) => HierarchyCode.IsWithin(node, _scope);

    private string PeriodLink(string period) => "analytics" + Filter.ToQuery(period: period);

    private string ExportLink(string format) => $"analytics/export.{format}" + Filter.ToQuery(node: Breadcrumb.Count > 0 ? Breadcrumb[^1].Code : Filter.Node);

    private void ApplyCustom()
    {
        if (_customRange is { Start: { } from, End: { } to })
        {
            Navigation.NavigateTo("analytics" + Filter.ToQuery(period: AnalyticsFilter.Custom, from: DateOnly.FromDateTime(from), to: DateOnly.FromDateTime(to)));
        }
        else
        {
            _invalidPeriod = true;
        }
    }

    private static DateTime? ToDateTime(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private string PeriodText(AnalyticsPeriod p) => string.Format(CultureInfo.CurrentCulture, Text["Period.Range"],
        LocalizationSetup.Date(p.From), LocalizationSetup.Date(p.To), p.Days, LocalizationSetup.Date(p.Previous.From), LocalizationSetup.Date(p.Previous.To));

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
