using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Measures;
using CommandCenter.Data.Incidents;

namespace CommandCenter.Data.Live;

/// <summary>
/// An immutable picture of the live numbers: one <see cref="NodeMetrics"/> per hierarchy node (district, streets,
/// communities, grids, by code) and the newest incidents. Built at most once per change burst; shared by every reader.
/// </summary>
public sealed record LiveSnapshot(
    long Version,
    DateTime BuiltAt,
    DateOnly Day,
    bool Loaded,
    string DistrictCode,
    IReadOnlyDictionary<string, NodeMetrics> Nodes,
    IReadOnlyList<NewestIncident> Newest)
{
    public static LiveSnapshot Empty { get; } = new(0, DateTime.MinValue, default, false, string.Empty,
        new Dictionary<string, NodeMetrics>(), []);

    /// <summary>The wall's breakdowns per node code (by source, category, hour, day; see <see cref="NodeBreakdown"/>).</summary>
    public IReadOnlyDictionary<string, NodeBreakdown> Breakdowns { get; init; } = new Dictionary<string, NodeBreakdown>();

    /// <summary>The district's oldest open overdue incidents (督办), oldest first.</summary>
    public IReadOnlyList<OverdueIncident> Overdue { get; init; } = [];

    /// <summary>SOS alarms still raised, newest first.</summary>
    public IReadOnlyList<SosAlarm> SosAlarms { get; init; } = [];

    public NodeBreakdown Breakdown(string code) => Breakdowns.GetValueOrDefault(code) ?? NodeBreakdown.Zero(code);

    /// <summary>The overdue incidents inside a node (a subset of the district's list).</summary>
    public IReadOnlyList<OverdueIncident> OverdueIn(string code) =>
        code == DistrictCode ? Overdue : [.. Overdue.Where(i => i.GridCode is not null && i.GridCode.StartsWith(code, StringComparison.Ordinal))];

    /// <summary>The raised SOS alarms inside a node.</summary>
    public IReadOnlyList<SosAlarm> SosAlarmsIn(string code) =>
        code == DistrictCode ? SosAlarms : [.. SosAlarms.Where(a => a.GridCode is not null && a.GridCode.StartsWith(code, StringComparison.Ordinal))];

    public NodeMetrics District => Node(DistrictCode) ?? NodeMetrics.Zero(DistrictCode, string.Empty, HierarchyLevel.District);

    public NodeMetrics? Node(string code) => Nodes.GetValueOrDefault(code);

    /// <summary>The newest incidents inside a node (a subset of the district's newest).</summary>
    public IReadOnlyList<NewestIncident> NewestIn(string code) =>
        code == DistrictCode ? Newest : [.. Newest.Where(i => i.GridCode is not null && i.GridCode.StartsWith(code, StringComparison.Ordinal))];
}

/// <summary>The numbers of one node. Value equality: two loads of the same data compare equal.</summary>
public sealed record NodeMetrics(
    string Code,
    string Name,
    HierarchyLevel Level,
    TodayCounts Today,
    int Overdue,
    StageCounts OpenByStage,
    TierCounts OpenByTier,
    SlaCompliance Sla,
    int OpenSos,
    int PatrolsActive,
    int GridsPatrolledToday,
    int Grids,
    Satisfaction SatisfactionToday,
    Satisfaction Satisfaction30Days)
{
    public int Open => OpenByStage.Total;

    /// <summary>Today's indicators (domain.md §7), computed as analytics computes them for a day (<see cref="KpiCalculator"/>).</summary>
    public Kpis Kpis { get; init; } = KpiCalculator.None;

    /// <summary>巡查覆盖率: grids patrolled today / grids.</summary>
    public double? PatrolCoverage => Grids == 0 ? null : (double)GridsPatrolledToday / Grids;

    public static NodeMetrics Zero(string code, string name, HierarchyLevel level) => new(
        code, name, level, new TodayCounts(0, 0, 0, 0), 0, new StageCounts(0, 0, 0, 0, 0), new TierCounts(0, 0, 0, 0, 0),
        new SlaCompliance(new ClockCompliance(0, 0), new ClockCompliance(0, 0), new ClockCompliance(0, 0)),
        0, 0, 0, 0, new Satisfaction(0, 0), new Satisfaction(0, 0));
}

/// <summary>Today (China local day): 受理 received, 立案 filed, 派遣 dispatched (first dispatch), 结案 closed.</summary>
public sealed record TodayCounts(int Received, int Filed, int Dispatched, int Closed);

/// <summary>Open incidents by stage.</summary>
public sealed record StageCounts(int Reported, int Filed, int Dispatched, int Handling, int Feedback)
{
    public int Total => Reported + Filed + Dispatched + Handling + Feedback;
}

/// <summary>Open incidents by handling tier.</summary>
public sealed record TierCounts(int Grid, int Community, int Street, int Department, int District);

/// <summary>
/// One SLA clock among today's incidents: <see cref="Due"/> = those whose clock was met or has run out (breached),
/// <see cref="Met"/> = met in time.
/// </summary>
public sealed record ClockCompliance(int Met, int Due)
{
    public double? Rate => Due == 0 ? null : (double)Met / Due;
}

/// <summary>响应率 / 回复率 / 解决率 for today's incidents.</summary>
public sealed record SlaCompliance(ClockCompliance Respond, ClockCompliance Reply, ClockCompliance Resolve);

/// <summary>满意率: satisfied / rated.</summary>
public sealed record Satisfaction(int Satisfied, int Rated)
{
    public double? Rate => Rated == 0 ? null : (double)Satisfied / Rated;
}

/// <summary>A line of the newest-incidents feed. Nothing personal: no reporter, no address, no position.</summary>
public sealed record NewestIncident(
    long Id,
    string Number,
    string Title,
    IncidentStage Stage,
    int Version,
    int GridId,
    string? GridCode,
    string? GridName,
    int StreetId,
    string? StreetName,
    SourceChannel Source,
    IncidentPriority Priority,
    DateTime ReportedAt);
