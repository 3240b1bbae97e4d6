using CommandCenter.Data.Analytics;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;

namespace CommandCenter.Data.Measures;

/// <summary>The facts of one incident the measures of domain.md §7 are counted from (the live state and the rollups read these).</summary>
public class MeasuredIncident
{
    public IncidentStage Stage { get; set; }
    public DateTime ReportedAt { get; set; }
    public DateTime? FiledAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public DateTime? RespondedAt { get; set; }
    public DateTime? RepliedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime ResolveDueAt { get; set; }
    public bool RespondBreached { get; set; }
    public bool ReplyBreached { get; set; }
    public bool ResolveBreached { get; set; }
    public HandlingTier? ClosedTier { get; set; }
}

/// <summary>
/// The one definition of every counted measure (domain.md §7). Both engines use it: the live state for today (the wall,
/// the console) and the rollups for any period (analytics, exports). A measure is counted in the bucket of its timestamp;
/// <c>bucketOf</c> answers the counters of the bucket a UTC time falls in, or null when that time is not counted.
/// </summary>
public static class IncidentMeasures
{
    /// <summary>Closed, evaluated or voided: nothing more will happen to it.</summary>
    public static bool IsEnded(IncidentStage stage) => stage is IncidentStage.Closed or IncidentStage.Evaluated or IncidentStage.Rejected;

    /// <summary>
    /// 受理 by report time (every report, voided ones too); 立案 by filing time; 派遣 by first dispatch; 结案 by closing time,
    /// 按期 when closed by the resolve deadline, and by the tier that closed it; 应结案 = closed, plus open incidents past
    /// their deadline in the deadline's bucket; the three SLA clocks in the report-time bucket, voided incidents left out
    /// (met = done and not breached; missed = breached).
    /// </summary>
    public static void Count(MeasuredIncident incident, Func<DateTime, RollupCounts?> bucketOf)
    {
        if (bucketOf(incident.ReportedAt) is { } reported)
        {
            reported.Received++;
            if (incident.Stage != IncidentStage.Rejected)
            {
                reported.RespondMet += Met(incident.RespondedAt, incident.RespondBreached);
                reported.RespondMissed += incident.RespondBreached ? 1 : 0;
                reported.ReplyMet += Met(incident.RepliedAt, incident.ReplyBreached);
                reported.ReplyMissed += incident.ReplyBreached ? 1 : 0;
                reported.ResolveMet += Met(incident.ClosedAt, incident.ResolveBreached);
                reported.ResolveMissed += incident.ResolveBreached ? 1 : 0;
            }
        }
        if (incident.FiledAt is { } filedAt && bucketOf(filedAt) is { } filed)
        {
            filed.Filed++;
        }
        if (incident.DispatchedAt is { } dispatchedAt && bucketOf(dispatchedAt) is { } dispatched)
        {
            dispatched.Dispatched++;
        }
        if (incident.ClosedAt is { } closedAt)
        {
            if (bucketOf(closedAt) is { } closed)
            {
                closed.Closed++;
                closed.Due++;
                closed.ClosedOnTime += closedAt <= incident.ResolveDueAt ? 1 : 0;
                CountTier(closed, incident.ClosedTier);
            }
        }
        else if (!IsEnded(incident.Stage) && incident.ResolveBreached && bucketOf(incident.ResolveDueAt) is { } due)
        {
            due.Due++;
        }
    }

    /// <summary>返工 and 延期: one per transition, by its time. Other actions count nothing here.</summary>
    public static void CountTransition(IncidentAction action, DateTime at, Func<DateTime, RollupCounts?> bucketOf)
    {
        if (action is not (IncidentAction.Rework or IncidentAction.Extend) || bucketOf(at) is not { } bucket)
        {
            return;
        }
        if (action == IncidentAction.Rework)
        {
            bucket.Reworked++;
        }
        else
        {
            bucket.Extended++;
        }
    }

    /// <summary>好差评: one per rating (of an incident or a service order), by rating time and level.</summary>
    public static void CountRating(RatingLevel level, int count, RollupCounts bucket)
    {
        switch (level)
        {
            case RatingLevel.VerySatisfied: bucket.RatedVerySatisfied += count; break;
            case RatingLevel.Satisfied: bucket.RatedSatisfied += count; break;
            case RatingLevel.Neutral: bucket.RatedNeutral += count; break;
            case RatingLevel.Dissatisfied: bucket.RatedDissatisfied += count; break;
            case RatingLevel.VeryDissatisfied: bucket.RatedVeryDissatisfied += count; break;
        }
    }

    /// <summary>满意: 非常满意 + 满意, and 基本满意 when <see cref="MeasuresOptions.SatisfactionIncludesNeutral"/>.</summary>
    public static int Satisfied(RollupCounts counts, bool includeNeutral) =>
        counts.RatedVerySatisfied + counts.RatedSatisfied + (includeNeutral ? counts.RatedNeutral : 0);

    /// <summary>满意 of ratings counted by level (index = <see cref="RatingLevel"/>).</summary>
    public static int Satisfied(int[] byLevel, bool includeNeutral) =>
        byLevel[(int)RatingLevel.VerySatisfied] + byLevel[(int)RatingLevel.Satisfied] + (includeNeutral ? byLevel[(int)RatingLevel.Neutral] : 0);

    private static int Met(DateTime? doneAt, bool breached) => doneAt is not null && !breached ? 1 : 0;

    private static void CountTier(RollupCounts bucket, HandlingTier? tier)
    {
        switch (tier)
        {
            case HandlingTier.Grid: bucket.ClosedAtGrid++; break;
            case HandlingTier.Community: bucket.ClosedAtCommunity++; break;
            case HandlingTier.Street: bucket.ClosedAtStreet++; break;
            case HandlingTier.Department: bucket.ClosedAtDepartment++; break;
            case HandlingTier.District: bucket.ClosedAtDistrict++; break;
        }
    }
}
