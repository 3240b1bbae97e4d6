using CommandCenter.Data.Analytics;

namespace CommandCenter.Data.Measures;

/// <summary>
/// The indicators of domain.md §7, each a share in [0, 1] or null when its denominator is 0, and the composite score (0–100).
/// </summary>
public sealed record Kpis(
    double? FilingRate,
    double? DispatchRate,
    double? ClosureRate,
    double? OnTimeClosureRate,
    double? ReworkRate,
    double? ExtensionRate,
    double? RespondRate,
    double? ReplyRate,
    double? ResolveRate,
    double? Satisfaction,
    double? GridResolutionRate,
    double? CommunityResolutionRate,
    double? PatrolCoverage,
    double? Composite);

/// <summary>Computes <see cref="Kpis"/> from summed rollup counters.</summary>
public static class KpiCalculator
{
    /// <summary>No indicator (nothing counted yet).</summary>
    public static Kpis None { get; } = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public static double? Share(long part, long whole) => whole > 0 ? (double)part / whole : null;

    /// <param name="counts">The counters summed over the node and period.</param>
    /// <param name="gridsPatrolled">Distinct grids with check-ins in the period.</param>
    /// <param name="grids">Grids under the node.</param>
    /// <param name="weights">The composite's weights; without them the composite is null.</param>
    public static Kpis Calculate(RollupCounts counts, int gridsPatrolled, int grids, MeasuresOptions measures, CompositeWeights? weights)
    {
        var satisfied = IncidentMeasures.Satisfied(counts, measures.SatisfactionIncludesNeutral);
        var kpis = new Kpis(
            FilingRate: Share(counts.Filed, counts.Received),
            DispatchRate: Share(counts.Dispatched, counts.Filed),
            ClosureRate: Share(counts.Closed, counts.Due),
            OnTimeClosureRate: Share(counts.ClosedOnTime, counts.Due),
            ReworkRate: Share(counts.Reworked, counts.Due),
            ExtensionRate: Share(counts.Extended, counts.Due),
            RespondRate: Share(counts.RespondMet, counts.RespondMet + counts.RespondMissed),
            ReplyRate: Share(counts.ReplyMet, counts.ReplyMet + counts.ReplyMissed),
            ResolveRate: Share(counts.ResolveMet, counts.ResolveMet + counts.ResolveMissed),
            Satisfaction: Share(satisfied, counts.Rated),
            GridResolutionRate: Share(counts.ClosedAtGrid, counts.ClosedAtTiers),
            CommunityResolutionRate: Share(counts.ClosedAtGrid + counts.ClosedAtCommunity, counts.ClosedAtTiers),
            PatrolCoverage: Share(gridsPatrolled, grids),
            Composite: null);
        return weights is null ? kpis : kpis with { Composite = Composite(kpis, weights) };
    }

    /// <summary>The weighted mean of the available indicators (rework counted as 1 − rate), times 100; weights of missing ones drop out.</summary>
    public static double? Composite(Kpis k, CompositeWeights w)
    {
        (double? Value, double Weight)[] parts =
        [
            (k.ClosureRate, w.ClosureRate), (k.OnTimeClosureRate, w.OnTimeClosureRate),
            (k.RespondRate, w.RespondRate), (k.ReplyRate, w.ReplyRate), (k.ResolveRate, w.ResolveRate),
            (k.Satisfaction, w.Satisfaction), (k.GridResolutionRate, w.GridResolutionRate),
            (k.PatrolCoverage, w.PatrolCoverage), (1 - k.ReworkRate, w.ReworkRate),
        ];
        var weight = parts.Where(p => p.Value is not null && p.Weight > 0).Sum(p => p.Weight);
        if (weight <= 0)
        {
            return null;
        }
        var score = parts.Where(p => p.Value is not null && p.Weight > 0).Sum(p => Math.Clamp(p.Value!.Value, 0, 1) * p.Weight) / weight * 100;
        return Math.Round(score, 2);
    }
}
