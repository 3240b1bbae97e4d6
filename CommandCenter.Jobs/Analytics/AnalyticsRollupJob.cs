using CommandCenter.Data;
using CommandCenter.Data.Analytics;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Jobs.Analytics;

/// <summary>
/// Hourly (and once at start): the incremental rollup — only the days touched since the watermark are recomputed —
/// and today's node snapshot when it is missing. Idempotent, so safe to run twice or on two nodes.
/// </summary>
public sealed class AnalyticsRollupJob(
    IncidentRollupBuilder rollups, NodeSnapshotBuilder snapshots, IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time)
{
    public async Task<RollupRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = await rollups.RunIncrementalAsync(cancellationToken);
        var today = ChinaDay.Of(time.GetUtcNow().UtcDateTime);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<NodeSnapshot>().AnyAsync(s => s.Day == today, cancellationToken))
        {
            await snapshots.TakeAsync(today, cancellationToken);
        }
        return result;
    }
}

/// <summary>Nightly: today's node snapshot of people, places, objects and organisations (replaces the day's rows).</summary>
public sealed class NodeSnapshotJob(NodeSnapshotBuilder snapshots)
{
    public Task<int> RunAsync(CancellationToken cancellationToken) => snapshots.TakeAsync(cancellationToken);
}

/// <summary>On demand: a full rebuild of the rollups of a range of China days, given as yyyy-MM-dd (readable on the dashboard).</summary>
public sealed class AnalyticsRebuildJob(IncidentRollupBuilder rollups)
{
    public const string DateFormat = "yyyy-MM-dd";

    public Task<RollupRunResult> RunAsync(string from, string to, CancellationToken cancellationToken) =>
        rollups.RebuildAsync(
            DateOnly.ParseExact(from, DateFormat, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.ParseExact(to, DateFormat, System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);

    /// <summary>Queues a rebuild; returns the Hangfire job id.</summary>
    public static string Enqueue(Hangfire.IBackgroundJobClient jobs, DateOnly from, DateOnly to) =>
        Hangfire.BackgroundJobClientExtensions.Enqueue<AnalyticsRebuildJob>(jobs, job => job.RunAsync(
            from.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture),
            to.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture),
            CancellationToken.None));
}
