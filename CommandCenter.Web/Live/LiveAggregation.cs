using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;

namespace CommandCenter.Web.Live;

/// <summary>Counts the live state into one <see cref="NodeMetrics"/> per node. O(tracked rows); runs at most once per change burst.</summary>
internal static class LiveAggregation
{
    public static LiveSnapshot Build(LiveState state, long version, DateTime builtAt, bool satisfactionIncludesNeutral)
    {
        var hierarchy = state.Hierarchy;
        var nodes = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        void AddNode(string code, string name, HierarchyLevel level) => nodes[code] = new Accumulator(code, name, level);
        AddNode(hierarchy.DistrictCode, hierarchy.DistrictName, HierarchyLevel.District);
        foreach (var street in hierarchy.Streets.Values)
        {
            AddNode(street.Code, street.Name, HierarchyLevel.Street);
        }
        foreach (var community in hierarchy.Communities.Values)
        {
            AddNode(community.Code, community.Name, HierarchyLevel.Community);
        }
        foreach (var grid in hierarchy.Grids.Values)
        {
            AddNode(grid.Code, grid.Name, HierarchyLevel.Grid);
        }

        var path = new List<string>(4);
        IEnumerable<Accumulator> On(int gridId)
        {
            hierarchy.PathOf(gridId, path);
            foreach (var code in path)
            {
                yield return nodes[code];
            }
        }

        foreach (var gridId in hierarchy.Grids.Keys)
        {
            foreach (var node in On(gridId))
            {
                node.Grids++;
            }
        }
        foreach (var incident in state.Incidents.Values)
        {
            var reportedToday = state.IsToday(incident.ReportedAt);
            var filedToday = state.IsToday(incident.FiledAt);
            var dispatchedToday = state.IsToday(incident.DispatchedAt);
            var closedToday = state.IsToday(incident.ClosedAt);
            var open = incident.IsOpen;
            if (!(reportedToday || filedToday || dispatchedToday || closedToday || open))
            {
                continue;
            }
            foreach (var node in On(incident.GridId))
            {
                node.Add(incident, reportedToday, filedToday, dispatchedToday, closedToday, open);
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
                node.RatingsToday[(int)level]++;
                node.Ratings30Days[(int)level]++;
            }
        }
        foreach (var (gridId, counts) in state.RatingsBeforeToday)
        {
            foreach (var node in On(gridId))
            {
                for (var level = 1; level < counts.Length; level++)
                {
                    node.Ratings30Days[level] += counts[level];
                }
            }
        }

        var metrics = nodes.ToDictionary(p => p.Key, p => p.Value.ToMetrics(satisfactionIncludesNeutral), StringComparer.Ordinal);
        return new LiveSnapshot(version, builtAt, state.Day, true, hierarchy.DistrictCode, metrics, [.. state.Newest])
        {
            Breakdowns = LiveBreakdownAggregation.Build(state, satisfactionIncludesNeutral),
            Overdue = LiveBreakdownAggregation.Overdue(state),
            SosAlarms = LiveBreakdownAggregation.SosAlarms(state),
        };
    }

    private sealed class Accumulator(string code, string name, HierarchyLevel level)
    {
        private int _received, _filed, _dispatched, _closed, _overdue;
        private readonly int[] _byStage = new int[5];
        private readonly int[] _byTier = new int[5];
        private int _respondMet, _respondDue, _replyMet, _replyDue, _resolveMet, _resolveDue;

        public int OpenSos { get; set; }
        public int PatrolsActive { get; set; }
        public int GridsPatrolledToday { get; set; }
        public int Grids { get; set; }
        public int[] RatingsToday { get; } = new int[6];
        public int[] Ratings30Days { get; } = new int[6];

        public void Add(TrackedIncident incident, bool reportedToday, bool filedToday, bool dispatchedToday, bool closedToday, bool open)
        {
            if (reportedToday)
            {
                _received++;
                // A clock counts once it was met or has run out (the breach flag); met = met and not breached.
                Count(incident.RespondedAt is not null, incident.RespondBreached, ref _respondMet, ref _respondDue);
                Count(incident.RepliedAt is not null, incident.ReplyBreached, ref _replyMet, ref _replyDue);
                Count(incident.ClosedAt is not null, incident.ResolveBreached, ref _resolveMet, ref _resolveDue);
            }
            _filed += filedToday ? 1 : 0;
            _dispatched += dispatchedToday ? 1 : 0;
            _closed += closedToday ? 1 : 0;
            if (open)
            {
                _byStage[(int)incident.Stage]++;
                _byTier[(int)incident.Tier]++;
                _overdue += incident.ResolveBreached ? 1 : 0;
            }
        }

        private static void Count(bool met, bool breached, ref int metCount, ref int due)
        {
            if (met || breached)
            {
                due++;
                metCount += met && !breached ? 1 : 0;
            }
        }

        public NodeMetrics ToMetrics(bool includeNeutral) => new(
            code, name, level,
            new TodayCounts(_received, _filed, _dispatched, _closed),
            _overdue,
            new StageCounts(_byStage[(int)IncidentStage.Reported], _byStage[(int)IncidentStage.Filed], _byStage[(int)IncidentStage.Dispatched],
                _byStage[(int)IncidentStage.Handling], _byStage[(int)IncidentStage.Feedback]),
            new TierCounts(_byTier[(int)HandlingTier.Grid], _byTier[(int)HandlingTier.Community], _byTier[(int)HandlingTier.Street],
                _byTier[(int)HandlingTier.Department], _byTier[(int)HandlingTier.District]),
            new SlaCompliance(new ClockCompliance(_respondMet, _respondDue), new ClockCompliance(_replyMet, _replyDue), new ClockCompliance(_resolveMet, _resolveDue)),
            OpenSos, PatrolsActive, GridsPatrolledToday, Grids,
            SatisfactionOf(RatingsToday, includeNeutral), SatisfactionOf(Ratings30Days, includeNeutral));

        private static Satisfaction SatisfactionOf(int[] counts, bool includeNeutral) => new(
            counts[(int)RatingLevel.VerySatisfied] + counts[(int)RatingLevel.Satisfied] + (includeNeutral ? counts[(int)RatingLevel.Neutral] : 0),
            counts.Sum());
    }
}
