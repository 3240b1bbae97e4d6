using CommandCenter.Data.Analytics;
using CommandCenter.Data.Measures;
using System.Globalization;
using Bunit;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Components.Charts;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Components.Wall;

/// <summary>A constructed live state for the wall's panels: a district with two streets, each with one community of two grids.</summary>
public static class WallTestData
{
    public const string District = "610202";
    public const string Street1 = "610202001";
    public const string Street2 = "610202002";
    public const string Community1 = "610202001001";
    public const string Grid1 = "610202001001001";
    public const string Grid2 = "610202001001002";
    public const string Community2 = "610202002001";
    public const string Grid3 = "610202002001001";
    public const string Grid4 = "610202002001002";

    /// <summary>2026-11-22 10:00 China time.</summary>
    public static readonly DateTime Now = new(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc);

    public static NodeMetrics Metrics(string code, string name, HierarchyLevel level, int received = 0, int closed = 0, int overdue = 0,
        int open = 0, int openSos = 0, int patrols = 0, int patrolled = 0, int grids = 1) => NodeMetrics.Zero(code, name, level) with
    {
        Today = new TodayCounts(received, received, received, closed),
        Overdue = overdue,
        OpenByStage = new StageCounts(0, 0, 0, open, 0),
        OpenSos = openSos,
        PatrolsActive = patrols,
        GridsPatrolledToday = patrolled,
        Grids = grids,
    };

    public static NodeBreakdown Breakdown(string code, int[]? hourlyToday = null) =>
        NodeBreakdown.Zero(code) with
        {
            HourlyToday = new ValueList<int>(hourlyToday ?? new int[24]),
        };

    public static NewestIncident Newest(long id, string gridCode, string gridName, DateTime reportedAt, SourceChannel source = SourceChannel.GridWorker, string title = "暴露垃圾") =>
        new(id, $"2026112200{id:000}", title, IncidentStage.Reported, 1, (int)id, gridCode, gridName, 1, "一街道", source, IncidentPriority.Normal, reportedAt);

    /// <summary>Grid 1 has 6 open incidents, grid 2 none, grid 3 has 2 and an SOS, grid 4 one; only grid 3 was patrolled.</summary>
    public static LiveSnapshot Snapshot(IReadOnlyList<NewestIncident>? newest = null, IReadOnlyList<SosAlarm>? alarms = null) =>
        new(7, Now, new DateOnly(2026, 11, 22), true, District,
            new Dictionary<string, NodeMetrics>
            {
                [District] = Metrics(District, "王益区", HierarchyLevel.District, received: 40, closed: 30, overdue: 10, open: 9, openSos: 1, patrols: 3, patrolled: 1, grids: 4) with
                {
                    // 30 closed (12 at grid tier, 24 on time) of 40 due.
                    Kpis = KpiCalculator.Calculate(new RollupCounts { Received = 40, Closed = 30, Due = 40, ClosedOnTime = 24, ClosedAtGrid = 12, ClosedAtCommunity = 18 },
                        1, 4, new MeasuresOptions(), weights: null),
                },
                [Street1] = Metrics(Street1, "一街道", HierarchyLevel.Street, received: 25, closed: 20, open: 6, grids: 2),
                [Street2] = Metrics(Street2, "二街道", HierarchyLevel.Street, received: 15, closed: 10, open: 3, openSos: 1, patrolled: 1, grids: 2),
                [Community1] = Metrics(Community1, "一社区", HierarchyLevel.Community, open: 6, grids: 2),
                [Community2] = Metrics(Community2, "二社区", HierarchyLevel.Community, open: 3, openSos: 1, patrolled: 1, grids: 2),
                [Grid1] = Metrics(Grid1, "第一网格", HierarchyLevel.Grid, open: 6, overdue: 1),
                [Grid2] = Metrics(Grid2, "第二网格", HierarchyLevel.Grid),
                [Grid3] = Metrics(Grid3, "第三网格", HierarchyLevel.Grid, open: 2, openSos: 1, patrolled: 1, overdue: 3),
                [Grid4] = Metrics(Grid4, "第四网格", HierarchyLevel.Grid, open: 1),
            },
            newest ?? [])
        {
            Breakdowns = new Dictionary<string, NodeBreakdown> { [District] = Breakdown(District) },
            SosAlarms = alarms ?? [new SosAlarm(9, 3, Grid3, "第三网格", "二街道")],
        };

    private static MapShape Square(string code, string name, double x, double y, double size) =>
        new(code, name, string.Create(CultureInfo.InvariantCulture, $"M{x},{y}L{x + size},{y}L{x + size},{y + size}L{x},{y + size}Z"), x + size / 2, y + size / 2);

    public static MapView DistrictView() => new(District, "王益区", HierarchyLevel.District, 1000, 500,
        [Square(Grid1, "第一网格", 0, 0, 250), Square(Grid2, "第二网格", 250, 0, 250), Square(Grid3, "第三网格", 500, 0, 250), Square(Grid4, "第四网格", 750, 0, 250)],
        [Square(Street1, "一街道", 0, 0, 500), Square(Street2, "二街道", 500, 0, 500)],
        [new MapNode(District, "王益区", HierarchyLevel.District)]);

    public static MapView StreetView() => new(Street2, "二街道", HierarchyLevel.Street, 1000, 500,
        [Square(Grid3, "第三网格", 0, 0, 500), Square(Grid4, "第四网格", 500, 0, 500)],
        [Square(Community2, "二社区", 0, 0, 1000)],
        [new MapNode(District, "王益区", HierarchyLevel.District), new MapNode(Street2, "二街道", HierarchyLevel.Street)]);
}

/// <summary>One bUnit context per test with what the wall's components need (zh-CN, localization, a fixed clock, chart JS).</summary>
public abstract class WallComponentTest : IAsyncLifetime
{
    private CultureInfo? _previousCulture;

    protected BunitContext Context { get; } = new();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(WallTestData.Now));

    protected BunitJSModuleInterop ChartModule { get; private set; } = default!;

    public Task InitializeAsync()
    {
        _previousCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        Context.Services.AddLocalization();
        Context.Services.AddLogging();
        Context.Services.AddSingleton<TimeProvider>(Time);
        ChartModule = Context.JSInterop.SetupModule(ApexChart.ModulePath);
        ChartModule.SetupModule(invocation => invocation.Identifier == "create");
        ChartModule.SetupVoid(_ => true).SetVoidResult();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _previousCulture!;
    }

    /// <summary>The JSON options and series each chart was created with, by chart kind (data-chart-kind).</summary>
    protected IReadOnlyList<(string Options, string Series)> ChartsCreated() =>
        [.. ChartModule.Invocations["create"].Select(i => ((string)i.Arguments[1]!, (string)i.Arguments[2]!))];
}
