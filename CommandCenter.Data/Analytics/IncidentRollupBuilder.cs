using CommandCenter.Data.Demo.BulkLoading;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Data.Analytics;

/// <summary>What a rollup run did.</summary>
public sealed record RollupRunResult(int Days, int RowsWritten, TimeSpan Elapsed, bool WasFullRebuild);

/// <summary>
/// Builds <see cref="IncidentRollup"/> rows: a full rebuild of a range of China days on demand, and an incremental run
/// that recomputes only the days touched by what changed since the watermark. Both replace whole days, so running
/// either twice gives the same rows.
/// </summary>
public sealed class IncidentRollupBuilder(
    IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time, ILogger<IncidentRollupBuilder> logger)
{
    /// <summary>Up to this many rows are written through EF in one transaction with the delete; more go through the bulk loader.</summary>
    internal int TransactionalRowLimit { get; init; } = 20_000;
    /// <summary>A full rebuild counts and writes this many days at a time, to bound memory.</summary>
    internal const int ChunkDays = 31;
    /// <summary>Re-read this far behind the watermark: a transaction stamped earlier may commit after a later one.</summary>
    internal static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);
    /// <summary>Ratings and check-ins are read by id; a few ids behind the mark are re-read in case of out-of-order commits.</summary>
    internal const long IdOverlap = 20;
    private const int WatermarkId = 1;

    /// <summary>Recomputes the China days [<paramref name="from"/>, <paramref name="to"/>] (inclusive).</summary>
    public async Task<RollupRunResult> RebuildAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        if (to < from)
        {
            throw new ArgumentException("The range ends before it starts.", nameof(to));
        }
        var started = time.GetTimestamp();
        var written = 0;
        for (var chunk = from; chunk <= to; chunk = chunk.AddDays(ChunkDays))
        {
            var last = chunk.AddDays(ChunkDays - 1) is var end && end < to ? end : to;
            written += await RecomputeAsync([(chunk, last)], null, cancellationToken);
        }
        var result = new RollupRunResult(to.DayNumber - from.DayNumber + 1, written, time.GetElapsedTime(started), true);
        logger.LogInformation("Rollups rebuilt for {From}..{To}: {Rows} rows in {Elapsed}", from, to, written, result.Elapsed);
        return result;
    }

    /// <summary>
    /// Recomputes the days touched by incidents updated (or supervised) and ratings and check-ins added since the
    /// watermark, then moves the watermark. The first run rebuilds everything there is.
    /// </summary>
    public async Task<RollupRunResult> RunIncrementalAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var mark = await db.Set<RollupWatermark>().SingleOrDefaultAsync(w => w.Id == WatermarkId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        if (mark is null)
        {
            // The marks are read before counting, so whatever changes during the rebuild is picked up by the next run.
            var next = await ReadCurrentMarksAsync(db, now, cancellationToken);
            var first = await db.Incidents.MinAsync(i => (DateTime?)i.ReportedAt, cancellationToken);
            var from = first is { } f ? ChinaDay.Of(f) : ChinaDay.Of(now);
            var rebuilt = await RebuildAsync(from, ChinaDay.Of(now), cancellationToken);
            await SaveWatermarkAsync(next, cancellationToken);
            return rebuilt with { Elapsed = time.GetElapsedTime(started) };
        }

        var since = mark.ChangesUpTo - Overlap;
        var changed = await db.Incidents.Where(i => i.UpdatedAt > since)
            .Select(i => new { i.Id, i.UpdatedAt, i.ReportedAt, i.FiledAt, i.DispatchedAt, i.ClosedAt, i.ResolveDueAt })
            .ToListAsync(cancellationToken);
        var supervised = await db.Supervisions.Where(s => s.CreatedAt > since)
            .Join(db.Incidents, s => s.IncidentId, i => i.Id, (s, i) => new { s.CreatedAt, i.ReportedAt, i.ResolveDueAt })
            .ToListAsync(cancellationToken);
        var history = await db.IncidentHistory
            .Where(h => h.At > since && (h.Action == Incidents.IncidentAction.Rework || h.Action == Incidents.IncidentAction.Extend))
            .Select(h => h.At)
            .ToListAsync(cancellationToken);
        var ratings = await db.Ratings.Where(r => r.Id > mark.LastRatingId - IdOverlap)
            .Select(r => new { r.Id, r.RatedAt }).ToListAsync(cancellationToken);
        var checkIns = await db.PatrolCheckIns.Where(c => c.Id > mark.LastCheckInId - IdOverlap)
            .Select(c => new { c.Id, c.At }).ToListAsync(cancellationToken);

        var days = new SortedSet<DateOnly>();
        foreach (var i in changed)
        {
            foreach (var at in new[] { i.ReportedAt, i.FiledAt, i.DispatchedAt, i.ClosedAt, i.ResolveDueAt })
            {
                if (at is { } value)
                {
                    days.Add(ChinaDay.Of(value));
                }
            }
        }
        foreach (var s in supervised)
        {
            days.Add(ChinaDay.Of(s.ReportedAt));
            days.Add(ChinaDay.Of(s.ResolveDueAt));
        }
        days.UnionWith(history.Select(ChinaDay.Of));
        days.UnionWith(ratings.Select(r => ChinaDay.Of(r.RatedAt)));
        days.UnionWith(checkIns.Select(c => ChinaDay.Of(c.At)));

        var moved = new RollupWatermark
        {
            Id = WatermarkId,
            ChangesUpTo = new[] { mark.ChangesUpTo }
                .Concat(changed.Select(c => c.UpdatedAt))
                .Concat(supervised.Select(s => s.CreatedAt)).Max(),
            LastRatingId = ratings.Count == 0 ? mark.LastRatingId : Math.Max(mark.LastRatingId, ratings.Max(r => r.Id)),
            LastCheckInId = checkIns.Count == 0 ? mark.LastCheckInId : Math.Max(mark.LastCheckInId, checkIns.Max(c => c.Id)),
            RunAt = now,
        };
        var written = await RecomputeAsync(Ranges(days), moved, cancellationToken);
        var result = new RollupRunResult(days.Count, written, time.GetElapsedTime(started), false);
        logger.LogDebug("Rollups: {Days} days recomputed incrementally, {Rows} rows in {Elapsed}", days.Count, written, result.Elapsed);
        return result;
    }

    /// <summary>Consecutive days as inclusive ranges.</summary>
    internal static List<(DateOnly From, DateOnly To)> Ranges(IEnumerable<DateOnly> days)
    {
        var ranges = new List<(DateOnly From, DateOnly To)>();
        foreach (var day in days.Order())
        {
            if (ranges.Count > 0 && ranges[^1].To.AddDays(1) >= day)
            {
                ranges[^1] = (ranges[^1].From, day > ranges[^1].To ? day : ranges[^1].To);
            }
            else
            {
                ranges.Add((day, day));
            }
        }
        return ranges;
    }

    private static async Task<RollupWatermark> ReadCurrentMarksAsync(CommandCenterDbContext db, DateTime now, CancellationToken ct) => new()
    {
        Id = WatermarkId,
        ChangesUpTo = await db.Incidents.MaxAsync(i => (DateTime?)i.UpdatedAt, ct) ?? now,
        LastRatingId = await db.Ratings.MaxAsync(r => (long?)r.Id, ct) ?? 0,
        LastCheckInId = await db.PatrolCheckIns.MaxAsync(c => (long?)c.Id, ct) ?? 0,
        RunAt = now,
    };

    private async Task SaveWatermarkAsync(RollupWatermark mark, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await UpsertWatermarkAsync(db, mark, ct);
        await db.SaveChangesAsync(ct);
    }

    private static async Task UpsertWatermarkAsync(CommandCenterDbContext db, RollupWatermark mark, CancellationToken ct)
    {
        var existing = await db.Set<RollupWatermark>().SingleOrDefaultAsync(w => w.Id == WatermarkId, ct);
        if (existing is null)
        {
            db.Add(mark);
        }
        else
        {
            db.Entry(existing).CurrentValues.SetValues(mark);
        }
    }

    /// <summary>Counts the day ranges and replaces their rows; moves the watermark in the same transaction when the rows are few.</summary>
    private async Task<int> RecomputeAsync(IReadOnlyList<(DateOnly From, DateOnly To)> days, RollupWatermark? mark, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var ranges = days.Select(d => (From: ChinaDay.Bounds(d.From).Start, To: ChinaDay.Bounds(d.To).End)).ToList();
        var rows = new List<IncidentRollup>();
        foreach (var (from, to) in ranges)
        {
            rows.AddRange(await IncidentRollupCounter.CountAsync(db, from, to, ct));
        }
        // Written in key order, so a period's rows lie together on disk (SQLite and PostgreSQL heaps follow insertion order).
        rows.Sort(static (a, b) => (a.Granularity, a.PeriodStart, a.GridId).CompareTo((b.Granularity, b.PeriodStart, b.GridId)));

        if (rows.Count <= TransactionalRowLimit)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await DeleteAsync(db, ranges, ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(rows);
            if (mark is not null)
            {
                await UpsertWatermarkAsync(db, mark, ct);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return rows.Count;
        }

        // Many rows: delete, then write with the provider's bulk path (one transaction of its own); the watermark
        // moves only after both, so a failure in between is repaired by the next run.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await DeleteAsync(db, ranges, ct);
            await transaction.CommitAsync(ct);
        }
        var table = TableMap.For(db, typeof(IncidentRollup));
        await using (var loader = await DemoBulkLoader.OpenAsync(ProviderOf(db), db.Database.GetConnectionString()!, ct))
        {
            await loader.WriteAsync(table, rows, ct);
            await loader.CompleteAsync(ct);
        }
        if (mark is not null)
        {
            await SaveWatermarkAsync(mark, ct);
        }
        return rows.Count;
    }

    private static async Task DeleteAsync(CommandCenterDbContext db, IEnumerable<(DateTime From, DateTime To)> ranges, CancellationToken ct)
    {
        foreach (var (from, to) in ranges)
        {
            foreach (var granularity in Enum.GetValues<RollupGranularity>())
            {
                await db.Set<IncidentRollup>()
                    .Where(r => r.Granularity == granularity && r.PeriodStart >= from && r.PeriodStart < to)
                    .ExecuteDeleteAsync(ct);
            }
        }
    }

    internal static DatabaseProvider ProviderOf(CommandCenterDbContext db) => db switch
    {
        PostgreSqlCommandCenterDbContext => DatabaseProvider.PostgreSql,
        SqlServerCommandCenterDbContext => DatabaseProvider.SqlServer,
        _ => DatabaseProvider.Sqlite,
    };
}
