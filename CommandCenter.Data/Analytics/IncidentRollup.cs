namespace CommandCenter.Data.Analytics;

/// <summary>The length of a rollup bucket. Buckets are China-local hours and days (UTC+8), stored by their UTC start.</summary>
public enum RollupGranularity
{
    Hour = 0,
    Day = 1,
}

/// <summary>
/// Incident, rating and patrol counts of one bucket (a China-local hour or day) for one grid and one combination of
/// category, source, handling unit and grid worker. Streets, communities and the district are sums of their grids' rows.
/// The dimension columns hold 0 (ids) or <see cref="NoSource"/> when a row has no such dimension (a check-in has no category).
/// Written only by <see cref="IncidentRollupBuilder"/>: a bucket's rows are always replaced as a whole.
/// </summary>
public class IncidentRollup : RollupCounts
{
    /// <summary>The value of <see cref="Source"/> for rows that do not come from an incident.</summary>
    public const int NoSource = -1;

    public RollupGranularity Granularity { get; set; }
    /// <summary>UTC start of the China-local hour or day.</summary>
    public DateTime PeriodStart { get; set; }

    public int GridId { get; set; }
    /// <summary>Denormalised from the grid for grouping without joins.</summary>
    public int CommunityId { get; set; }
    public int StreetId { get; set; }
    /// <summary>Incident category, or 0.</summary>
    public int CategoryId { get; set; }
    /// <summary>(int)<see cref="Incidents.SourceChannel"/>, or <see cref="NoSource"/>.</summary>
    public int Source { get; set; }
    /// <summary>The incident's handling unit, or 0.</summary>
    public int HandlingUnitId { get; set; }
    /// <summary>The reporting grid worker of an incident or the patrolling one of a check-in, or 0.</summary>
    public int GridWorkerId { get; set; }
}

/// <summary>How far the incremental rollup has read. One row (Id 1).</summary>
public class RollupWatermark
{
    public int Id { get; set; }
    /// <summary>The newest incident UpdatedAt (and supervision CreatedAt) already rolled up.</summary>
    public DateTime ChangesUpTo { get; set; }
    public long LastRatingId { get; set; }
    public long LastCheckInId { get; set; }
    /// <summary>When the incremental run last wrote.</summary>
    public DateTime RunAt { get; set; }
}
