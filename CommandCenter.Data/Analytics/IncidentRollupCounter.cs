using CommandCenter.Data.Incidents;
using CommandCenter.Data.Measures;
using CommandCenter.Data.Ratings;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Analytics;

/// <summary>
/// Counts one UTC range into rollup rows: one narrow projection per source table (incidents touching the range,
/// rework and extension transitions, ratings, check-ins), each row counted by <see cref="IncidentMeasures"/> into the
/// China-local hour of its timestamps and its dimensions; hour rows are then summed into day rows. Provider-neutral LINQ.
/// </summary>
internal sealed class IncidentRollupCounter
{
    private readonly Dictionary<RollupKey, IncidentRollup> _hours = [];
    private readonly IReadOnlyDictionary<int, (int CommunityId, int StreetId)> _grids;
    private readonly DateTime _from;
    private readonly DateTime _to;

    private IncidentRollupCounter(IReadOnlyDictionary<int, (int CommunityId, int StreetId)> grids, DateTime from, DateTime to) =>
        (_grids, _from, _to) = (grids, from, to);

    private readonly record struct RollupKey(
        RollupGranularity Granularity, DateTime PeriodStart, int GridId, int CategoryId, int Source, int HandlingUnitId, int GridWorkerId);

    private readonly record struct Dimensions(int GridId, int CategoryId, SourceChannel? Source, int? HandlingUnitId, int? GridWorkerId);

    /// <summary>An incident's measured facts and its dimensions, as read.</summary>
    private sealed class CountedIncident : MeasuredIncident
    {
        public int GridId { get; init; }
        public int CategoryId { get; init; }
        public SourceChannel Source { get; init; }
        public int? HandlingUnitId { get; init; }
        public int? ReporterGridWorkerId { get; init; }
    }

    /// <summary>Hour and day rows for the whole China days in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static async Task<List<IncidentRollup>> CountAsync(CommandCenterDbContext db, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var grids = await db.Grids.AsNoTracking()
            .Select(g => new { g.Id, g.CommunityId, g.StreetId })
            .ToDictionaryAsync(g => g.Id, g => (g.CommunityId, g.StreetId), cancellationToken);
        var counter = new IncidentRollupCounter(grids, from, to);
        await counter.CountIncidentsAsync(db, cancellationToken);
        await counter.CountTransitionsAsync(db, cancellationToken);
        await counter.CountRatingsAsync(db, cancellationToken);
        await counter.CountCheckInsAsync(db, cancellationToken);
        return counter.Rows();
    }

    private async Task CountIncidentsAsync(CommandCenterDbContext db, CancellationToken ct)
    {
        var (from, to) = (_from, _to);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => (i.ReportedAt >= from && i.ReportedAt < to) || (i.FiledAt >= from && i.FiledAt < to)
                || (i.DispatchedAt >= from && i.DispatchedAt < to) || (i.ClosedAt >= from && i.ClosedAt < to)
                || (i.ResolveDueAt >= from && i.ResolveDueAt < to && i.ResolveBreached && i.ClosedAt == null))
            .Select(i => new CountedIncident
            {
                Stage = i.Stage, ReportedAt = i.ReportedAt, FiledAt = i.FiledAt, DispatchedAt = i.DispatchedAt,
                RespondedAt = i.RespondedAt, RepliedAt = i.RepliedAt, ClosedAt = i.ClosedAt, ResolveDueAt = i.ResolveDueAt,
                RespondBreached = i.RespondBreached, ReplyBreached = i.ReplyBreached, ResolveBreached = i.ResolveBreached,
                ClosedTier = i.ClosedTier, GridId = i.GridId, CategoryId = i.CategoryId, Source = i.Source,
                HandlingUnitId = i.HandlingUnitId, ReporterGridWorkerId = i.ReporterGridWorkerId,
            })
            .ToListAsync(ct);
        foreach (var incident in incidents)
        {
            var dimensions = new Dimensions(incident.GridId, incident.CategoryId, incident.Source, incident.HandlingUnitId, incident.ReporterGridWorkerId);
            IncidentMeasures.Count(incident, at => Row(at, dimensions));
        }
    }

    private async Task CountTransitionsAsync(CommandCenterDbContext db, CancellationToken ct)
    {
        var (from, to) = (_from, _to);
        var transitions = await db.IncidentHistory.AsNoTracking()
            .Where(h => h.At >= from && h.At < to && (h.Action == IncidentAction.Rework || h.Action == IncidentAction.Extend))
            .Join(db.Incidents, h => h.IncidentId, i => i.Id, (h, i) => new { h.At, h.Action, i.GridId, i.CategoryId, i.Source, i.HandlingUnitId, i.ReporterGridWorkerId })
            .ToListAsync(ct);
        foreach (var t in transitions)
        {
            var dimensions = new Dimensions(t.GridId, t.CategoryId, t.Source, t.HandlingUnitId, t.ReporterGridWorkerId);
            IncidentMeasures.CountTransition(t.Action, t.At, at => Row(at, dimensions));
        }
    }

    private async Task CountRatingsAsync(CommandCenterDbContext db, CancellationToken ct)
    {
        // Ratings of incidents carry the incident's dimensions; ratings of service orders only their grid.
        var (start, end) = (_from, _to);
        var ratings = await (
                from r in db.Ratings.AsNoTracking().Where(r => r.RatedAt >= start && r.RatedAt < end)
                join i in db.Incidents on r.IncidentId equals i.Id into incidents
                from i in incidents.DefaultIfEmpty()
                select new
                {
                    r.RatedAt, r.Level, r.GridId,
                    CategoryId = (int?)i!.CategoryId, Source = (SourceChannel?)i.Source, i.HandlingUnitId, i.ReporterGridWorkerId,
                })
            .ToListAsync(ct);
        foreach (var r in ratings)
        {
            if (Row(r.RatedAt, new Dimensions(r.GridId, r.CategoryId ?? 0, r.Source, r.HandlingUnitId, r.ReporterGridWorkerId)) is { } row)
            {
                IncidentMeasures.CountRating(r.Level, 1, row);
            }
        }
    }

    private async Task CountCheckInsAsync(CommandCenterDbContext db, CancellationToken ct)
    {
        var (from, to) = (_from, _to);
        var checkIns = await db.PatrolCheckIns.AsNoTracking()
            .Where(c => c.At >= from && c.At < to)
            .Join(db.Patrols, c => c.PatrolId, p => p.Id, (c, p) => new { c.At, c.GridId, p.GridWorkerId })
            .ToListAsync(ct);
        foreach (var c in checkIns)
        {
            if (Row(c.At, new Dimensions(c.GridId, 0, null, null, c.GridWorkerId)) is { } row)
            {
                row.CheckIns++;
            }
        }
    }

    /// <summary>The hour row a UTC time counts into, or null outside the range. China is UTC+8 all year, so a China-local hour starts on a UTC hour.</summary>
    private IncidentRollup? Row(DateTime at, Dimensions dimensions)
    {
        if (at < _from || at >= _to)
        {
            return null;
        }
        var start = new DateTime(at.Ticks - at.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
        var key = new RollupKey(RollupGranularity.Hour, start, dimensions.GridId, dimensions.CategoryId,
            dimensions.Source is { } s ? (int)s : IncidentRollup.NoSource, dimensions.HandlingUnitId ?? 0, dimensions.GridWorkerId ?? 0);
        if (!_hours.TryGetValue(key, out var row))
        {
            var (communityId, streetId) = _grids.TryGetValue(dimensions.GridId, out var g) ? g : (0, 0);
            row = new IncidentRollup
            {
                Granularity = key.Granularity, PeriodStart = key.PeriodStart, GridId = key.GridId, CommunityId = communityId, StreetId = streetId,
                CategoryId = key.CategoryId, Source = key.Source, HandlingUnitId = key.HandlingUnitId, GridWorkerId = key.GridWorkerId,
            };
            _hours.Add(key, row);
        }
        return row;
    }

    /// <summary>The hour rows and their sums per China day.</summary>
    private List<IncidentRollup> Rows()
    {
        var days = new Dictionary<RollupKey, IncidentRollup>();
        foreach (var (key, hour) in _hours)
        {
            var dayKey = key with { Granularity = RollupGranularity.Day, PeriodStart = ChinaDay.Bounds(ChinaDay.Of(key.PeriodStart)).Start };
            if (!days.TryGetValue(dayKey, out var day))
            {
                day = new IncidentRollup
                {
                    Granularity = RollupGranularity.Day, PeriodStart = DateTime.SpecifyKind(dayKey.PeriodStart, DateTimeKind.Utc),
                    GridId = hour.GridId, CommunityId = hour.CommunityId, StreetId = hour.StreetId,
                    CategoryId = hour.CategoryId, Source = hour.Source, HandlingUnitId = hour.HandlingUnitId, GridWorkerId = hour.GridWorkerId,
                };
                days.Add(dayKey, day);
            }
            day.Add(hour);
        }
        return [.. _hours.Values, .. days.Values];
    }
}
