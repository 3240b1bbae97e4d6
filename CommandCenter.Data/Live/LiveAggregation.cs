using CommandCenter.Data.Analytics;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Measures;
using CommandCenter.Data.Ratings;

namespace CommandCenter.Data.Live;

/// <summary>Counts the live state into one <see cref="NodeMetrics"/> per node. O(tracked rows); runs at most once per change burst.</summary>
internal static class LiveAggregation
{
    public static LiveSnapshot Build(LiveState state, long version, DateTime builtAt, MeasuresOptions measures)
    {
        var hierarchy = state.Hierarchy;
        var perNode = new PerNode<NodeAccumulator>(hierarchy, (code, name, level) => new NodeAccumulator(code, name, level, state));
        var nodes = perNode.ByCode;
        IEnumerable<NodeAccumulator> On(int gridId) => perNode.On(gridId);

        foreach (var gridId in hierarchy.Grids.Keys)
        {
            foreach (var node in On(gridId))
            {
                node.Grids++;
            }
        }
        foreach (var incident in state.Incidents.Values)
        {
            foreach (var node in On(incident.GridId))
            {
                node.Add(incident);
            }
        }
        foreach (var (gridId, action) in state.TransitionsToday.Values)
        {
            foreach (var node in On(gridId))
            {
                IncidentMeasures.CountTransition(action, state.DayStart, node.TodayBucket);
            }
        }
        foreach (var gridId in state.OpenSos.Values)
        {
            foreach (var node in On(gridId))
            {
                node.OpenSos++;
            }
        }
        foreach (var gridId in state.ActivePatrols.Values)
        {
            foreach (var node in On(gridId))
            {
                node.PatrolsActive++;
            }
        }
        foreach (var gridId in state.PatrolledGrids)
        {
            foreach (var node in On(gridId))
            {
                node.GridsPatrolledToday++;
            }
        }
        foreach (var (gridId, level) in state.RatingsToday.Values)
        {
            foreach (var node in On(gridId))
            {
                IncidentMeasures.CountRating(level, 1, node.Today);
                IncidentMeasures.CountRating(level, 1, node.Ratings30Days);
            }
        }
        foreach (var (gridId, counts) in state.RatingsBeforeToday)
        {
            foreach (var node in On(gridId))
            {
                for (var level = 1; level < counts.Length; level++)
                {
                    IncidentMeasures.CountRating((RatingLevel)level, counts[level], node.Ratings30Days);
                }
            }
        }

        var metrics = nodes.ToDictionary(p => p.Key, p => p.Value.ToMetrics(measures), StringComparer.Ordinal);
        return new LiveSnapshot(version, builtAt, state.Day, true, hierarchy.DistrictCode, metrics, [.. state.Newest])
        {
            Breakdowns = LiveBreakdownAggregation.Build(state, measures.SatisfactionIncludesNeutral),
            Overdue = LiveBreakdownAggregation.Overdue(state),
            SosAlarms = LiveBreakdownAggregation.SosAlarms(state),
        };
    }

    private sealed class NodeAccumulator
    {
        private readonly string _code, _name;
        private readonly HierarchyLevel _level;
        private int _overdue;
        private readonly int[] _byStage = new int[5];
        private readonly int[] _byTier = new int[5];

        public NodeAccumulator(string code, string name, HierarchyLevel level, LiveState state)
        {
            (_code, _name, _level) = (code, name, level);
            TodayBucket = at => state.IsToday(at) ? Today : null;
        }

        /// <summary>Today's counters, by the one definition of the measures (<see cref="IncidentMeasures"/>).</summary>
        public RollupCounts Today { get; } = new();
        /// <summary>The bucket of a UTC time: today's counters, or nothing.</summary>
        public Func<DateTime, RollupCounts?> TodayBucket { get; }
        public RollupCounts Ratings30Days { get; } = new();
        public int OpenSos { get; set; }
        public int PatrolsActive { get; set; }
        public int GridsPatrolledToday { get; set; }
        public int Grids { get; set; }

        public void Add(TrackedIncident incident)
        {
            IncidentMeasures.Count(incident, TodayBucket);
            if (incident.IsOpen)
            {
                _byStage[(int)incident.Stage]++;
                _byTier[(int)incident.Tier]++;
                _overdue += incident.ResolveBreached ? 1 : 0;
            }
        }

        public NodeMetrics ToMetrics(MeasuresOptions measures)
        {
            var t = Today;
            return new NodeMetrics(
                _code, _name, _level,
                new TodayCounts(t.Received, t.Filed, t.Dispatched, t.Closed),
                _overdue,
                new StageCounts(_byStage[(int)IncidentStage.Reported], _byStage[(int)IncidentStage.Filed], _byStage[(int)IncidentStage.Dispatched],
                    _byStage[(int)IncidentStage.Handling], _byStage[(int)IncidentStage.Feedback]),
                new TierCounts(_byTier[(int)HandlingTier.Grid], _byTier[(int)HandlingTier.Community], _byTier[(int)HandlingTier.Street],
                    _byTier[(int)HandlingTier.Department], _byTier[(int)HandlingTier.District]),
                new SlaCompliance(new ClockCompliance(t.RespondMet, t.RespondMet + t.RespondMissed),
                    new ClockCompliance(t.ReplyMet, t.ReplyMet + t.ReplyMissed), new ClockCompliance(t.ResolveMet, t.ResolveMet + t.ResolveMissed)),
                OpenSos, PatrolsActive, GridsPatrolledToday, Grids,
                new Satisfaction(IncidentMeasures.Satisfied(t, measures.SatisfactionIncludesNeutral), t.Rated),
                new Satisfaction(IncidentMeasures.Satisfied(Ratings30Days, measures.SatisfactionIncludesNeutral), Ratings30Days.Rated))
            {
                Kpis = KpiCalculator.Calculate(t, GridsPatrolledToday, Grids, measures, weights: null),
            };
        }
    }
}
