using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Analytics;

/// <summary>
/// Counts one UTC range into rollup rows: every measure is one GROUP BY in the database over the China-local hour
/// of its timestamp and the dimensions; hour rows are then summed into day rows. Provider-neutral LINQ.
/// </summary>
internal sealed class IncidentRollupCounter
{
    private static readonly TimeSpan Offset = ChinaDay.Offset;
    private readonly Dictionary<RollupKey, IncidentRollup> _hours = [];
    private readonly IReadOnlyDictionary<int, (int CommunityId, int StreetId)> _grids;

    private IncidentRollupCounter(IReadOnlyDictionary<int, (int CommunityId, int StreetId)> grids) => _grids = grids;

    private readonly record struct RollupKey(
        RollupGranularity Granularity, DateTime PeriodStart, int GridId, int CategoryId, int Source, int HandlingUnitId, int GridWorkerId);

    /// <summary>Hour and day rows for the whole China days in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static async Task<List<IncidentRollup>> CountAsync(CommandCenterDbContext db, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var grids = await db.Grids.AsNoTracking()
            .Select(g => new { g.Id, g.CommunityId, g.StreetId })
            .ToDictionaryAsync(g => g.Id, g => (g.CommunityId, g.StreetId), cancellationToken);
        var counter = new IncidentRollupCounter(grids);
        await counter.CountIncidentsAsync(db, from, to, cancellationToken);
        await counter.CountHistoryAsync(db, from, to, cancellationToken);
        await counter.CountRatingsAsync(db, from, to, cancellationToken);
        await counter.CountCheckInsAsync(db, from, to, cancellationToken);
        return counter.Rows();
    }

    private async Task CountIncidentsAsync(CommandCenterDbContext db, DateTime from, DateTime to, CancellationToken ct)
    {
        var incidents = db.Incidents.AsNoTracking();

        // Received and the SLA clocks: the report-time cohort.
        var received = await incidents.Where(i => i.ReportedAt >= from && i.ReportedAt < to)
            .GroupBy(i => new
            {
                Y = i.ReportedAt.AddHours(ChinaDay.OffsetHours).Year, M = i.ReportedAt.AddHours(ChinaDay.OffsetHours).Month, D = i.ReportedAt.AddHours(ChinaDay.OffsetHours).Day, H = i.ReportedAt.AddHours(ChinaDay.OffsetHours).Hour,
                i.GridId, i.CategoryId, i.Source, i.HandlingUnitId, i.ReporterGridWorkerId,
            })
            .Select(g => new
            {
                g.Key,
                Count = g.Count(),
                RespondMet = g.Count(i => i.Stage != IncidentStage.Rejected && i.RespondedAt != null && !i.RespondBreached),
                RespondMissed = g.Count(i => i.Stage != IncidentStage.Rejected && i.RespondBreached),
                ReplyMet = g.Count(i => i.Stage != IncidentStage.Rejected && i.RepliedAt != null && !i.ReplyBreached),
                ReplyMissed = g.Count(i => i.Stage != IncidentStage.Rejected && i.ReplyBreached),
                ResolveMet = g.Count(i => i.Stage != IncidentStage.Rejected && i.ClosedAt != null && !i.ResolveBreached),
                ResolveMissed = g.Count(i => i.Stage != IncidentStage.Rejected && i.ResolveBreached),
            })
            .ToListAsync(ct);
        foreach (var r in received)
        {
            var row = Row(r.Key.Y, r.Key.M, r.Key.D, r.Key.H, r.Key.GridId, r.Key.CategoryId, r.Key.Source, r.Key.HandlingUnitId, r.Key.ReporterGridWorkerId);
            row.Received += r.Count;
            row.RespondMet += r.RespondMet;
            row.RespondMissed += r.RespondMissed;
            row.ReplyMet += r.ReplyMet;
            row.ReplyMissed += r.ReplyMissed;
            row.ResolveMet += r.ResolveMet;
            row.ResolveMissed += r.ResolveMissed;
        }

        var filed = await incidents.Where(i => i.FiledAt >= from && i.FiledAt < to)
            .GroupBy(i => new
            {
                Y = i.FiledAt!.Value.AddHours(ChinaDay.OffsetHours).Year, M = i.FiledAt!.Value.AddHours(ChinaDay.OffsetHours).Month, D = i.FiledAt!.Value.AddHours(ChinaDay.OffsetHours).Day, H = i.FiledAt!.Value.AddHours(ChinaDay.OffsetHours).Hour,
                i.GridId, i.CategoryId, i.Source, i.HandlingUnitId, i.ReporterGridWorkerId,
            })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in filed)
        {
            Row(r.Key.Y, r.Key.M, r.Key.D, r.Key.H, r.Key.GridId, r.Key.CategoryId, r.Key.Source, r.Key.HandlingUnitId, r.Key.ReporterGridWorkerId).Filed += r.Count;
        }

        var dispatched = await incidents.Where(i => i.DispatchedAt >= from && i.DispatchedAt < to)
            .GroupBy(i => new
            {
                Y = i.DispatchedAt!.Value.AddHours(ChinaDay.OffsetHours).Year, M = i.DispatchedAt!.Value.AddHours(ChinaDay.OffsetHours).Month, D = i.DispatchedAt!.Value.AddHours(ChinaDay.OffsetHours).Day, H = i.DispatchedAt!.Value.AddHours(ChinaDay.OffsetHours).Hour,
                i.GridId, i.CategoryId, i.Source, i.HandlingUnitId, i.ReporterGridWorkerId,
            })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in dispatched)
        {
            Row(r.Key.Y, r.Key.M, r.Key.D, r.Key.H, r.Key.GridId, r.Key.CategoryId, r.Key.Source, r.Key.HandlingUnitId, r.Key.ReporterGridWorkerId).Dispatched += r.Count;
        }

        // Closed (Closed or Evaluated: both have ClosedAt), on time and by tier; each closure is also due.
        var closed = await incidents.Where(i => i.ClosedAt >= from && i.ClosedAt < to)
            .GroupBy(i => new
            {
                Y = i.ClosedAt!.Value.AddHours(ChinaDay.OffsetHours).Year, M = i.ClosedAt!.Value.AddHours(ChinaDay.OffsetHours).Month, D = i.ClosedAt!.Value.AddHours(ChinaDay.OffsetHours).Day, H = i.ClosedAt!.Value.AddHours(ChinaDay.OffsetHours).Hour,
                i.GridId, i.CategoryId, i.Source, i.HandlingUnitId, i.ReporterGridWorkerId,
            })
            .Select(g => new
            {
                g.Key,
                Count = g.Count(),
                OnTime = g.Count(i => i.ClosedAt <= i.ResolveDueAt),
                Grid = g.Count(i => i.ClosedTier == HandlingTier.Grid),
                Community = g.Count(i => i.ClosedTier == HandlingTier.Community),
                Street = g.Count(i => i.ClosedTier == HandlingTier.Street),
                Department = g.Count(i => i.ClosedTier == HandlingTier.Department),
                District = g.Count(i => i.ClosedTier == HandlingTier.District),
            })
            .ToListAsync(ct);
        foreach (var r in closed)
        {
            var row = Row(r.Key.Y, r.Key.M, r.Key.D, r.Key.H, r.Key.GridId, r.Key.CategoryId, r.Key.Source, r.Key.HandlingUnitId, r.Key.ReporterGridWorkerId);
            row.Closed += r.Count;
            row.Due += r.Count;
            row.ClosedOnTime += r.OnTime;
            row.ClosedAtGrid += r.Grid;
            row.ClosedAtCommunity += r.Community;
            row.ClosedAtStreet += r.Street;
            row.ClosedAtDepartment += r.Department;
            row.ClosedAtDistrict += r.District;
        }

        // Due also counts open incidents past their resolve deadline, in the deadline's bucket.
        var overdue = await incidents
            .Where(i => i.ResolveDueAt >= from && i.ResolveDueAt < to && i.ResolveBreached
                && i.Stage != IncidentStage.Closed && i.Stage != IncidentStage.Evaluated && i.Stage != IncidentStage.Rejected)
            .GroupBy(i => new
            {
                Y = i.ResolveDueAt.AddHours(ChinaDay.OffsetHours).Year, M = i.ResolveDueAt.AddHours(ChinaDay.OffsetHours).Month, D = i.ResolveDueAt.AddHours(ChinaDay.OffsetHours).Day, H = i.ResolveDueAt.AddHours(ChinaDay.OffsetHours).Hour,
                i.GridId, i.CategoryId, i.Source, i.HandlingUnitId, i.ReporterGridWorkerId,
            })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in overdue)
        {
            Row(r.Key.Y, r.Key.M, r.Key.D, r.Key.H, r.Key.GridId, r.Key.CategoryId, r.Key.Source, r.Key.HandlingUnitId, r.Key.ReporterGridWorkerId).Due += r.Count;
        }
    }

    private async Task CountHistoryAsync(CommandCenterDbContext db, DateTime from, DateTime to, CancellationToken ct)
    {
        var rows = await db.IncidentHistory.AsNoTracking()
            .Where(h => h.At >= from && h.At < to && (h.Action == IncidentAction.Rework || h.Action == IncidentAction.Extend))
            .Join(db.Incidents, h => h.IncidentId, i => i.Id, (h, i) => new { h.At, h.Action, i.GridId, i.CategoryId, i.Source, i.HandlingUnitId, i.ReporterGridWorkerId })
            .GroupBy(x => new
            {
                Y = x.At.AddHours(ChinaDay.OffsetHours).Year, M = x.At.AddHours(ChinaDay.OffsetHours).Month, D = x.At.AddHours(ChinaDay.OffsetHours).Day, H = x.At.AddHours(ChinaDay.OffsetHours).Hour,
                x.GridId, x.CategoryId, x.Source, x.HandlingUnitId, x.ReporterGridWorkerId,
            })
            .Select(g => new
            {
                g.Key,
                Reworked = g.Count(x => x.Action == IncidentAction.Rework),
                Extended = g.Count(x => x.Action == IncidentAction.Extend),
            })
            .ToListAsync(ct);
        foreach (var r in rows)
        {
            var row = Row(r.Key.Y, r.Key.M, r.Key.D, r.Key.H, r.Key.GridId, r.Key.CategoryId, r.Key.Source, r.Key.HandlingUnitId, r.Key.ReporterGridWorkerId);
            row.Reworked += r.Reworked;
            row.Extended += r.Extended;
        }
    }

    private async Task CountRatingsAsync(CommandCenterDbContext db, DateTime from, DateTime to, CancellationToken ct)
    {
        // Ratings of incidents carry the incident's dimensions; ratings of service orders only their grid.
        var ratings = db.Ratings.AsNoTracking().Where(r => r.RatedAt >= from && r.RatedAt < to);
        var rows = await (
                from r in ratings
                join i in db.Incidents on r.IncidentId equals i.Id into incidents
                from i in incidents.DefaultIfEmpty()
                select new
                {
                    r.RatedAt, r.Level, r.GridId,
                    CategoryId = (int?)i!.CategoryId, Source = (SourceChannel?)i.Source, i.HandlingUnitId, i.ReporterGridWorkerId,
                })
            .GroupBy(x => new
            {
                Y = x.RatedAt.AddHours(ChinaDay.OffsetHours).Year, M = x.RatedAt.AddHours(ChinaDay.OffsetHours).Month, D = x.RatedAt.AddHours(ChinaDay.OffsetHours).Day, H = x.RatedAt.AddHours(ChinaDay.OffsetHours).Hour,
                x.GridId, x.CategoryId, x.Source, x.HandlingUnitId, x.ReporterGridWorkerId,
            })
            .Select(g => new
            {
                g.Key,
                VerySatisfied = g.Count(x => x.Level == Ratings.RatingLevel.VerySatisfied),
                Satisfied = g.Count(x => x.Level == Ratings.RatingLevel.Satisfied),
                Neutral = g.Count(x => x.Level == Ratings.RatingLevel.Neutral),
                Dissatisfied = g.Count(x => x.Level == Ratings.RatingLevel.Dissatisfied),
                VeryDissatisfied = g.Count(x => x.Level == Ratings.RatingLevel.VeryDissatisfied),
            })
            .ToListAsync(ct);
        foreach (var r in rows)
        {
            var row = Row(r.Key.Y, r.Key.M, r.Key.D, r.Key.H, r.Key.GridId, r.Key.CategoryId ?? 0, r.Key.Source, r.Key.HandlingUnitId, r.Key.ReporterGridWorkerId);
            row.RatedVerySatisfied += r.VerySatisfied;
            row.RatedSatisfied += r.Satisfied;
            row.RatedNeutral += r.Neutral;
            row.RatedDissatisfied += r.Dissatisfied;
            row.RatedVeryDissatisfied += r.VeryDissatisfied;
        }
    }

    private async Task CountCheckInsAsync(CommandCenterDbContext db, DateTime from, DateTime to, CancellationToken ct)
    {
        var rows = await db.PatrolCheckIns.AsNoTracking()
            .Where(c => c.At >= from && c.At < to)
            .Join(db.Patrols, c => c.PatrolId, p => p.Id, (c, p) => new { c.At, c.GridId, p.GridWorkerId })
            .GroupBy(x => new { Y = x.At.AddHours(ChinaDay.OffsetHours).Year, M = x.At.AddHours(ChinaDay.OffsetHours).Month, D = x.At.AddHours(ChinaDay.OffsetHours).Day, H = x.At.AddHours(ChinaDay.OffsetHours).Hour, x.GridId, x.GridWorkerId })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in rows)
        {
            Row(r.Key.Y, r.Key.M, r.Key.D, r.Key.H, r.Key.GridId, 0, null, null, r.Key.GridWorkerId).CheckIns += r.Count;
        }
    }

    private IncidentRollup Row(int year, int month, int day, int hour, int gridId, int categoryId, SourceChannel? source, int? handlingUnitId, int? gridWorkerId)
    {
        var start = new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc) - Offset;
        var key = new RollupKey(RollupGranularity.Hour, start, gridId, categoryId, source is { } s ? (int)s : IncidentRollup.NoSource, handlingUnitId ?? 0, gridWorkerId ?? 0);
        if (!_hours.TryGetValue(key, out var row))
        {
            var (communityId, streetId) = _grids.TryGetValue(gridId, out var g) ? g : (0, 0);
            row = new IncidentRollup
            {
                Granularity = key.Granularity, PeriodStart = key.PeriodStart, GridId = gridId, CommunityId = communityId, StreetId = streetId,
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
            var local = key.PeriodStart + Offset;
            var dayKey = key with { Granularity = RollupGranularity.Day, PeriodStart = local.Date - Offset };
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
