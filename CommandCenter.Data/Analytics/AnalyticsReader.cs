using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using CommandCenter.Data.Measures;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Analytics;

/// <summary>
/// Reads the analytics page's numbers for a node and a period from the rollups and snapshots (never the raw incident
/// tables), and the building and household lists. Every read takes the caller's scope (a code prefix) and returns
/// null for a node outside it, so pages, APIs and exports share one rule.
/// </summary>
public sealed partial class AnalyticsReader(IDbContextFactory<CommandCenterDbContext> contextFactory, IOptions<AnalyticsOptions> options, IOptions<MeasuresOptions> measures)
{
    public const int BuildingCodeLength = HierarchyCode.GridLength + 4;

    public AnalyticsOptions Options => options.Value;

    /// <summary>The indicators of summed counters, by the one definition of the measures.</summary>
    public Kpis KpisOf(RollupCounts counts, int gridsPatrolled, int grids) =>
        KpiCalculator.Calculate(counts, gridsPatrolled, grids, measures.Value, Options.Weights);

    /// <summary>The level a drill-down code names: area codes by length, building codes (19 digits), household numbers (with dashes).</summary>
    public static HierarchyLevel? LevelOf(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 64)
        {
            return null;
        }
        if (HierarchyCode.IsValid(code))
        {
            return HierarchyCode.LevelOf(code);
        }
        if (code.Length == BuildingCodeLength && code.All(char.IsAsciiDigit))
        {
            return HierarchyLevel.Building;
        }
        return code.Length > BuildingCodeLength && code[..BuildingCodeLength].All(char.IsAsciiDigit) && code[BuildingCodeLength] == '-'
            ? HierarchyLevel.Household
            : null;
    }

    /// <summary>The node a request lands on: the requested code when it lies in the scope, the scope's root when none is asked for, else null.</summary>
    public static string? EffectiveCode(string? requested, string? scope, string districtCode)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return string.IsNullOrEmpty(scope) ? districtCode : scope;
        }
        return LevelOf(requested) is not null && HierarchyCode.IsWithin(requested, scope) ? requested : null;
    }

    /// <summary>
    /// Whether the rollups have been built at least once (an incremental run left its watermark, or a rebuild wrote
    /// rows). False in the first minute of a new installation, while the start-up run builds the year: the page says so
    /// rather than showing zeros.
    /// </summary>
    public async Task<bool> RollupsBuiltAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<RollupWatermark>().AnyAsync(cancellationToken) || await db.Set<IncidentRollup>().AnyAsync(cancellationToken);
    }

    public async Task<string> DistrictCodeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Districts.OrderBy(d => d.Id).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken) ?? "";
    }

    /// <summary>The node and its ancestors from the district down (for the breadcrumb), or empty when the code names nothing.</summary>
    public static async Task<IReadOnlyList<AnalyticsNode>> PathAsync(CommandCenterDbContext db, string code, CancellationToken ct)
    {
        var level = LevelOf(code);
        var path = new List<AnalyticsNode>();
        if (level is null)
        {
            return path;
        }
        async Task Add(string prefix, HierarchyLevel at)
        {
            string? name = at switch
            {
                HierarchyLevel.District => await db.Districts.Where(x => x.Code == prefix).Select(x => x.Name).FirstOrDefaultAsync(ct),
                HierarchyLevel.Street => await db.Streets.Where(x => x.Code == prefix).Select(x => x.Name).FirstOrDefaultAsync(ct),
                HierarchyLevel.Community => await db.Communities.Where(x => x.Code == prefix).Select(x => x.Name).FirstOrDefaultAsync(ct),
                HierarchyLevel.Grid => await db.Grids.Where(x => x.Code == prefix).Select(x => x.Name).FirstOrDefaultAsync(ct),
                HierarchyLevel.Building => await db.Buildings.Where(x => x.Code == prefix).Select(x => x.Name).FirstOrDefaultAsync(ct),
                _ => await db.Households.Where(x => x.Number == prefix).Select(x => x.Number).FirstOrDefaultAsync(ct),
            };
            if (name is not null)
            {
                path.Add(new AnalyticsNode(prefix, at == HierarchyLevel.Household ? HouseholdName(prefix) : name, at));
            }
        }
        (int Length, HierarchyLevel Level)[] levels =
        [
            (HierarchyCode.DistrictLength, HierarchyLevel.District), (HierarchyCode.StreetLength, HierarchyLevel.Street),
            (HierarchyCode.CommunityLength, HierarchyLevel.Community), (HierarchyCode.GridLength, HierarchyLevel.Grid),
            (BuildingCodeLength, HierarchyLevel.Building),
        ];
        foreach (var (length, at) in levels.Where(l => l.Level <= level))
        {
            await Add(code[..length], at);
        }
        if (level == HierarchyLevel.Household)
        {
            await Add(code, HierarchyLevel.Household);
        }
        // A missing ancestor or the node itself means the code names nothing.
        return path.Count == (int)level + 1 ? path : [];
    }

    /// <summary>"1-1-0101" for a household numbered building code + "-1-1-0101".</summary>
    public static string HouseholdName(string number) => number.Length > BuildingCodeLength + 1 ? number[(BuildingCodeLength + 1)..] : number;

    /// <summary>The rollup rows of an area node in a UTC range.</summary>
    internal static IQueryable<IncidentRollup> Rows(CommandCenterDbContext db, HierarchyLevel level, int id, RollupGranularity granularity, DateTime start, DateTime end)
    {
        var rows = db.Set<IncidentRollup>().AsNoTracking().Where(r => r.Granularity == granularity && r.PeriodStart >= start && r.PeriodStart < end);
        return level switch
        {
            HierarchyLevel.Street => rows.Where(r => r.StreetId == id),
            HierarchyLevel.Community => rows.Where(r => r.CommunityId == id),
            HierarchyLevel.Grid => rows.Where(r => r.GridId == id),
            _ => rows,
        };
    }

    private static async Task<int> AreaIdAsync(CommandCenterDbContext db, string code, HierarchyLevel level, CancellationToken ct) => level switch
    {
        HierarchyLevel.District => await db.Districts.Where(x => x.Code == code).Select(x => x.Id).FirstOrDefaultAsync(ct),
        HierarchyLevel.Street => await db.Streets.Where(x => x.Code == code).Select(x => x.Id).FirstOrDefaultAsync(ct),
        HierarchyLevel.Community => await db.Communities.Where(x => x.Code == code).Select(x => x.Id).FirstOrDefaultAsync(ct),
        HierarchyLevel.Grid => await db.Grids.Where(x => x.Code == code).Select(x => x.Id).FirstOrDefaultAsync(ct),
        _ => 0,
    };

    /// <summary>The report of a district, street, community or grid, or null when the code is outside the scope or names no area.</summary>
    public async Task<AreaReport?> LoadAreaAsync(string code, AnalyticsPeriod period, string? scope, CancellationToken cancellationToken = default)
    {
        var level = LevelOf(code);
        if (level is null or > HierarchyLevel.Grid || !HierarchyCode.IsWithin(code, scope) || period.Days < 1 || period.Days > Options.MaxPeriodDays)
        {
            return null;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var path = await PathAsync(db, code, cancellationToken);
        if (path.Count == 0)
        {
            return null;
        }
        var node = path[^1];
        var id = await AreaIdAsync(db, code, node.Level, cancellationToken);
        var (start, end) = period.Utc;
        var (previousStart, previousEnd) = period.Previous.Utc;
        var days = Rows(db, node.Level, id, RollupGranularity.Day, start, end);

        var grids = await db.Grids.Where(g => g.Code.StartsWith(code)).Select(g => new { g.Id, g.Code, g.Name, g.CommunityId, g.StreetId }).ToListAsync(cancellationToken);
        var patrolled = (await days.Where(r => r.CheckIns > 0).Select(r => r.GridId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var previousPatrolled = await Rows(db, node.Level, id, RollupGranularity.Day, previousStart, previousEnd)
            .Where(r => r.CheckIns > 0).Select(r => r.GridId).Distinct().CountAsync(cancellationToken);

        var counts = await SumAsync(days, cancellationToken);
        var previous = await SumAsync(Rows(db, node.Level, id, RollupGranularity.Day, previousStart, previousEnd), cancellationToken);

        var snapshotDay = await db.Set<NodeSnapshot>().Where(s => s.NodeCode == code && s.Day <= period.To)
            .OrderByDescending(s => s.Day).Select(s => (DateOnly?)s.Day).FirstOrDefaultAsync(cancellationToken);
        var snapshots = snapshotDay is { } sd
            ? await db.Set<NodeSnapshot>().Where(s => s.Day == sd && s.NodeCode.StartsWith(code) && (s.NodeCode == code || s.Level == node.Level + 1))
                .ToDictionaryAsync(s => s.NodeCode, cancellationToken)
            : [];

        var children = await ChildrenAsync(db, node, days, grids.Select(g => (g.Id, g.Code, g.Name, g.CommunityId, g.StreetId)).ToList(), patrolled, snapshots, cancellationToken);
        var buildings = node.Level == HierarchyLevel.Grid ? await BuildingsAsync(db, id, cancellationToken) : [];

        return new AreaReport(
            node, path, period,
            counts, KpisOf(counts, patrolled.Count, grids.Count),
            previous, KpisOf(previous, previousPatrolled, grids.Count),
            grids.Count, patrolled.Count,
            snapshots.GetValueOrDefault(code),
            children, buildings,
            await TopCategoriesAsync(db, days, cancellationToken),
            await SourcesAsync(days, cancellationToken),
            await HandlingUnitsAsync(db, days, cancellationToken),
            await HeatMapAsync(Rows(db, node.Level, id, RollupGranularity.Hour, start, end), cancellationToken),
            await DailyAsync(days, cancellationToken));
    }

    private static async Task<RollupCounts> SumAsync(IQueryable<IncidentRollup> rows, CancellationToken ct) =>
        (RollupCounts?)await RollupCounts.SumBy(rows, r => r.Granularity).FirstOrDefaultAsync(ct) ?? new RollupCounts();

    private async Task<List<AnalyticsChild>> ChildrenAsync(
        CommandCenterDbContext db, AnalyticsNode node, IQueryable<IncidentRollup> days,
        List<(int Id, string Code, string Name, int CommunityId, int StreetId)> grids, HashSet<int> patrolled,
        Dictionary<string, NodeSnapshot> snapshots, CancellationToken ct)
    {
        // Each child: its id in the rollup rows, its code and name, and its grids (for coverage).
        List<(int Id, string Code, string Name)> nodes;
        Func<(int Id, string Code, string Name, int CommunityId, int StreetId), int> childOf;
        Dictionary<int, KeyedRollupCounts<int>> sums;
        switch (node.Level)
        {
            case HierarchyLevel.District:
                nodes = [.. (await db.Streets.Where(s => s.Code.StartsWith(node.Code)).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Code, s.Name))];
                childOf = g => g.StreetId;
                sums = await RollupCounts.SumBy(days, r => r.StreetId).ToDictionaryAsync(s => s.Key, ct);
                break;
            case HierarchyLevel.Street:
                nodes = [.. (await db.Communities.Where(s => s.Code.StartsWith(node.Code)).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Code, s.Name))];
                childOf = g => g.CommunityId;
                sums = await RollupCounts.SumBy(days, r => r.CommunityId).ToDictionaryAsync(s => s.Key, ct);
                break;
            case HierarchyLevel.Community:
                nodes = grids.Select(g => (g.Id, g.Code, g.Name)).ToList();
                childOf = g => g.Id;
                sums = await RollupCounts.SumBy(days, r => r.GridId).ToDictionaryAsync(s => s.Key, ct);
                break;
            default:
                return [];
        }
        var childLevel = node.Level + 1;
        var result = new List<AnalyticsChild>(nodes.Count);
        foreach (var (childId, code, name) in nodes.OrderBy(n => n.Code, StringComparer.Ordinal))
        {
            var counts = (RollupCounts?)sums.GetValueOrDefault(childId) ?? new RollupCounts();
            var childGrids = grids.Where(g => childOf(g) == childId).ToList();
            var kpis = KpisOf(counts, childGrids.Count(g => patrolled.Contains(g.Id)), childGrids.Count);
            result.Add(new AnalyticsChild(new AnalyticsNode(code, name, childLevel), counts, kpis, snapshots.GetValueOrDefault(code)));
        }
        return result;
    }

    private async Task<List<CategoryTotals>> TopCategoriesAsync(CommandCenterDbContext db, IQueryable<IncidentRollup> days, CancellationToken ct)
    {
        var top = await days.Where(r => r.CategoryId != 0).GroupBy(r => r.CategoryId)
            .Select(g => new { g.Key, Received = g.Sum(r => r.Received), Closed = g.Sum(r => r.Closed) })
            .OrderByDescending(x => x.Received).ThenBy(x => x.Key).Take(Options.TopCategories)
            .ToListAsync(ct);
        var ids = top.Select(t => t.Key).ToList();
        var names = await db.IncidentCategories.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (c.Code, c.MinorName), ct);
        return [.. top.Where(t => t.Received > 0 || t.Closed > 0).Select(t =>
        {
            var (code, name) = names.GetValueOrDefault(t.Key, ("", ""));
            return new CategoryTotals(t.Key, code, name, t.Received, t.Closed);
        })];
    }

    private static async Task<List<SourceCount>> SourcesAsync(IQueryable<IncidentRollup> days, CancellationToken ct)
    {
        var rows = await days.Where(r => r.Source != IncidentRollup.NoSource).GroupBy(r => r.Source)
            .Select(g => new { g.Key, Received = g.Sum(r => r.Received) }).ToListAsync(ct);
        return [.. rows.Where(r => r.Received > 0).OrderByDescending(r => r.Received).Select(r => new SourceCount((SourceChannel)r.Key, r.Received))];
    }

    private async Task<List<HandlingUnitPerformance>> HandlingUnitsAsync(CommandCenterDbContext db, IQueryable<IncidentRollup> days, CancellationToken ct)
    {
        var sums = await RollupCounts.SumBy(days.Where(r => r.HandlingUnitId != 0), r => r.HandlingUnitId).ToListAsync(ct);
        var ids = sums.Select(s => s.Key).ToList();
        var units = await db.HandlingUnits.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return [.. sums.Where(s => s.Dispatched + s.Due + s.Closed > 0)
            .Select(s => new HandlingUnitPerformance(s.Key, units.GetValueOrDefault(s.Key)?.Name ?? $"#{s.Key}", units.GetValueOrDefault(s.Key)?.Tier, s, KpisOf(s, 0, 0)))
            .OrderByDescending(u => u.Kpis.Composite ?? -1).ThenByDescending(u => u.Counts.Due)];
    }

    private static async Task<int[,]> HeatMapAsync(IQueryable<IncidentRollup> hours, CancellationToken ct)
    {
        var rows = await hours.Where(r => r.Received > 0).GroupBy(r => r.PeriodStart)
            .Select(g => new { g.Key, Received = g.Sum(r => r.Received) }).ToListAsync(ct);
        var map = new int[7, 24];
        foreach (var r in rows)
        {
            var local = ChinaDay.Local(r.Key);
            map[((int)local.DayOfWeek + 6) % 7, local.Hour] += r.Received;
        }
        return map;
    }

    private static async Task<List<DailyCount>> DailyAsync(IQueryable<IncidentRollup> days, CancellationToken ct)
    {
        var rows = await days.GroupBy(r => r.PeriodStart)
            .Select(g => new { g.Key, Received = g.Sum(r => r.Received), Closed = g.Sum(r => r.Closed) }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Key).Select(r => new DailyCount(ChinaDay.Of(r.Key), r.Received, r.Closed))];
    }
}
