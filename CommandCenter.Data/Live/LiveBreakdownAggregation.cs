using CommandCenter.Data.Measures;
using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;

namespace CommandCenter.Data.Live;

/// <summary>
/// Counts the live state into the wall's breakdowns: one <see cref="NodeBreakdown"/> per node, the overdue (督办) list
/// and the raised SOS alarms. Runs with <see cref="LiveAggregation.Build"/>, once per change burst, O(tracked rows).
/// </summary>
internal static class LiveBreakdownAggregation
{
    /// <summary>How many overdue incidents the district's supervision list holds (oldest first).</summary>
    public const int OverdueCount = 50;

    private static readonly int SourceCount = Enum.GetValues<SourceChannel>().Length;

    public static Dictionary<string, NodeBreakdown> Build(LiveState state, bool satisfactionIncludesNeutral)
    {
        var hierarchy = state.Hierarchy;
        var perNode = new PerNode<BreakdownAccumulator>(hierarchy, (_, _, _) => new BreakdownAccumulator());
        var nodes = perNode.ByCode;
        IEnumerable<BreakdownAccumulator> On(int gridId) => perNode.On(gridId);

        foreach (var incident in state.Incidents.Values)
        {
            var reportedToday = state.IsToday(incident.ReportedAt);
            if (!reportedToday)
            {
                continue;
            }
            var hour = ChinaDay.Local(incident.ReportedAt).Hour;
            foreach (var node in On(incident.GridId))
            {
                node.BySource[(int)incident.Source]++;
                node.HourlyToday[hour]++;
                node.ByCategory[incident.CategoryId] = node.ByCategory.GetValueOrDefault(incident.CategoryId) + 1;
            }
        }
        foreach (var (gridId, hours) in state.YesterdayByHour)
        {
            foreach (var node in On(gridId))
            {
                for (var h = 0; h < 24; h++)
                {
                    node.HourlyYesterday[h] += hours[h];
                }
            }
        }
        foreach (var ((gridId, daysAgo), counts) in state.RatingsByDay)
        {
            var index = NodeBreakdown.SatisfactionDays - 1 - daysAgo;
            if (index < 0)
            {
                continue;
            }
            foreach (var node in On(gridId))
            {
                node.AddRatings(index, counts);
            }
        }
        foreach (var (gridId, level) in state.RatingsToday.Values)
        {
            foreach (var node in On(gridId))
            {
                node.AddRating(NodeBreakdown.SatisfactionDays - 1, level);
            }
        }
        return nodes.ToDictionary(p => p.Key, p => p.Value.ToBreakdown(p.Key, state, satisfactionIncludesNeutral), StringComparer.Ordinal);
    }

    /// <summary>The district's open overdue incidents, oldest report first (ties by id), at most <see cref="OverdueCount"/>.</summary>
    public static List<OverdueIncident> Overdue(LiveState state) =>
    [
        .. state.Incidents.Values
            .Where(i => i.IsOpen && i.ResolveBreached)
            .OrderBy(i => i.ReportedAt).ThenBy(i => i.Id)
            .Take(OverdueCount)
            .Select(i =>
            {
                var grid = state.Hierarchy.Grids.GetValueOrDefault(i.GridId);
                var street = grid is null ? null : state.Hierarchy.Streets.GetValueOrDefault(grid.StreetId);
                return new OverdueIncident(i.Id, i.Number, i.Title, i.Stage, i.Tier, grid?.Code, grid?.Name, street?.Name,
                    i.ReportedAt.AddTicks(-(i.ReportedAt.Ticks % 10)));
            }),
    ];

    /// <summary>Raised SOS alarms, newest alert first.</summary>
    public static List<SosAlarm> SosAlarms(LiveState state) =>
    [
        .. state.OpenSos.OrderByDescending(p => p.Key).Select(p =>
        {
            var grid = state.Hierarchy.Grids.GetValueOrDefault(p.Value);
            var street = grid is null ? null : state.Hierarchy.Streets.GetValueOrDefault(grid.StreetId);
            return new SosAlarm(p.Key, p.Value, grid?.Code, grid?.Name, street?.Name);
        }),
    ];

    private sealed class BreakdownAccumulator
    {
        private int[][]? _ratingsByDay;

        public int[] BySource { get; } = new int[SourceCount];
        public int[] HourlyToday { get; } = new int[24];
        public int[] HourlyYesterday { get; } = new int[24];
        public Dictionary<int, int> ByCategory { get; } = [];

        private int[] Day(int index)
        {
            _ratingsByDay ??= new int[NodeBreakdown.SatisfactionDays][];
            return _ratingsByDay[index] ??= new int[6];
        }

        public void AddRatings(int index, int[] counts)
        {
            var day = Day(index);
            for (var level = 1; level < counts.Length; level++)
            {
                day[level] += counts[level];
            }
        }

        public void AddRating(int index, RatingLevel level) => Day(index)[(int)level]++;

        public NodeBreakdown ToBreakdown(string code, LiveState state, bool includeNeutral)
        {
            var top = ByCategory
                .Select(p => state.Categories.TryGetValue(p.Key, out var c)
                    ? new CategoryReportsToday(c.Code, c.Name, p.Value)
                    : new CategoryReportsToday($"#{p.Key}", $"#{p.Key}", p.Value))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal)
                .Take(NodeBreakdown.TopCategoryCount);
            var satisfaction = Enumerable.Range(0, NodeBreakdown.SatisfactionDays).Select(i =>
            {
                var counts = _ratingsByDay?[i];
                return counts is null
                    ? new Satisfaction(0, 0)
                    : new Satisfaction(IncidentMeasures.Satisfied(counts, includeNeutral), counts.Sum());
            });
            return new NodeBreakdown(code, new ValueList<int>(BySource), new ValueList<CategoryReportsToday>(top), new ValueList<int>(HourlyToday),
                new ValueList<int>(HourlyYesterday), new ValueList<Satisfaction>(satisfaction));
        }
    }
}
