using System.Linq.Expressions;

namespace CommandCenter.Data.Analytics;

/// <summary>The counters of a rollup row, or their sum over many rows.</summary>
public class RollupCounts
{
    // Incidents, each counted in the bucket of the timestamp named.
    /// <summary>受理: by report time (every report, rejected ones too).</summary>
    public int Received { get; set; }
    /// <summary>立案: by filing time.</summary>
    public int Filed { get; set; }
    /// <summary>派遣: by first dispatch time.</summary>
    public int Dispatched { get; set; }
    /// <summary>应结案: closed in the bucket, plus open and overdue ones whose resolve deadline falls in it.</summary>
    public int Due { get; set; }
    /// <summary>结案: by closing time.</summary>
    public int Closed { get; set; }
    /// <summary>按期结案: closed by the resolve deadline, by closing time.</summary>
    public int ClosedOnTime { get; set; }
    /// <summary>返工: rework transitions, by their time.</summary>
    public int Reworked { get; set; }
    /// <summary>延期: extension transitions, by their time.</summary>
    public int Extended { get; set; }

    // The three SLA clocks, counted in the report-time bucket: met = done and not breached; missed = breached.
    public int RespondMet { get; set; }
    public int RespondMissed { get; set; }
    public int ReplyMet { get; set; }
    public int ReplyMissed { get; set; }
    public int ResolveMet { get; set; }
    public int ResolveMissed { get; set; }

    // Closed incidents by the tier that closed them (小事不出网格、大事不出社区), by closing time.
    public int ClosedAtGrid { get; set; }
    public int ClosedAtCommunity { get; set; }
    public int ClosedAtStreet { get; set; }
    public int ClosedAtDepartment { get; set; }
    public int ClosedAtDistrict { get; set; }

    // 好差评 by level, by rating time.
    public int RatedVerySatisfied { get; set; }
    public int RatedSatisfied { get; set; }
    public int RatedNeutral { get; set; }
    public int RatedDissatisfied { get; set; }
    public int RatedVeryDissatisfied { get; set; }

    /// <summary>Patrol check-ins, by check-in time. Grids covered = distinct grids with check-ins.</summary>
    public int CheckIns { get; set; }

    public int Rated => RatedVerySatisfied + RatedSatisfied + RatedNeutral + RatedDissatisfied + RatedVeryDissatisfied;

    public int ClosedAtTiers => ClosedAtGrid + ClosedAtCommunity + ClosedAtStreet + ClosedAtDepartment + ClosedAtDistrict;

    public void Add(RollupCounts other)
    {
        Received += other.Received;
        Filed += other.Filed;
        Dispatched += other.Dispatched;
        Due += other.Due;
        Closed += other.Closed;
        ClosedOnTime += other.ClosedOnTime;
        Reworked += other.Reworked;
        Extended += other.Extended;
        RespondMet += other.RespondMet;
        RespondMissed += other.RespondMissed;
        ReplyMet += other.ReplyMet;
        ReplyMissed += other.ReplyMissed;
        ResolveMet += other.ResolveMet;
        ResolveMissed += other.ResolveMissed;
        ClosedAtGrid += other.ClosedAtGrid;
        ClosedAtCommunity += other.ClosedAtCommunity;
        ClosedAtStreet += other.ClosedAtStreet;
        ClosedAtDepartment += other.ClosedAtDepartment;
        ClosedAtDistrict += other.ClosedAtDistrict;
        RatedVerySatisfied += other.RatedVerySatisfied;
        RatedSatisfied += other.RatedSatisfied;
        RatedNeutral += other.RatedNeutral;
        RatedDissatisfied += other.RatedDissatisfied;
        RatedVeryDissatisfied += other.RatedVeryDissatisfied;
        CheckIns += other.CheckIns;
    }

    /// <summary>Sums rollup rows per key in the database (one GROUP BY).</summary>
    public static IQueryable<KeyedRollupCounts<TKey>> SumBy<TKey>(IQueryable<IncidentRollup> rows, Expression<Func<IncidentRollup, TKey>> key) =>
        rows.GroupBy(key).Select(g => new KeyedRollupCounts<TKey>
        {
            Key = g.Key,
            Received = g.Sum(x => x.Received),
            Filed = g.Sum(x => x.Filed),
            Dispatched = g.Sum(x => x.Dispatched),
            Due = g.Sum(x => x.Due),
            Closed = g.Sum(x => x.Closed),
            ClosedOnTime = g.Sum(x => x.ClosedOnTime),
            Reworked = g.Sum(x => x.Reworked),
            Extended = g.Sum(x => x.Extended),
            RespondMet = g.Sum(x => x.RespondMet),
            RespondMissed = g.Sum(x => x.RespondMissed),
            ReplyMet = g.Sum(x => x.ReplyMet),
            ReplyMissed = g.Sum(x => x.ReplyMissed),
            ResolveMet = g.Sum(x => x.ResolveMet),
            ResolveMissed = g.Sum(x => x.ResolveMissed),
            ClosedAtGrid = g.Sum(x => x.ClosedAtGrid),
            ClosedAtCommunity = g.Sum(x => x.ClosedAtCommunity),
            ClosedAtStreet = g.Sum(x => x.ClosedAtStreet),
            ClosedAtDepartment = g.Sum(x => x.ClosedAtDepartment),
            ClosedAtDistrict = g.Sum(x => x.ClosedAtDistrict),
            RatedVerySatisfied = g.Sum(x => x.RatedVerySatisfied),
            RatedSatisfied = g.Sum(x => x.RatedSatisfied),
            RatedNeutral = g.Sum(x => x.RatedNeutral),
            RatedDissatisfied = g.Sum(x => x.RatedDissatisfied),
            RatedVeryDissatisfied = g.Sum(x => x.RatedVeryDissatisfied),
            CheckIns = g.Sum(x => x.CheckIns),
        });
}

/// <summary>Counters summed for one key (a node, a category, an hour…).</summary>
public class KeyedRollupCounts<TKey> : RollupCounts
{
    public required TKey Key { get; init; }
}
