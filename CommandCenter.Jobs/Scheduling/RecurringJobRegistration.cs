using CommandCenter.Jobs.Analytics;
using CommandCenter.Jobs.Auditing;
using CommandCenter.Jobs.Incidents;
using CommandCenter.Jobs.Live;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Jobs.Scheduling;

/// <summary>Registers (or updates) the recurring jobs when the host starts. Safe on every node: ids are fixed.</summary>
internal sealed class RecurringJobRegistration(IRecurringJobManager recurringJobs, ILogger<RecurringJobRegistration> logger) : IHostedService
{
    public const string AuditChainVerificationId = "audit-chain-verification";
    public const string SlaWatchId = "sla-watch";
    public const string LiveMetricsResyncId = "live-metrics-resync";
    public const string AnalyticsRollupId = "analytics-rollup";
    public const string NodeSnapshotId = "analytics-node-snapshot";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // 18:00 UTC = 02:00 China Standard Time, a quiet hour.
        recurringJobs.AddOrUpdate<AuditChainVerificationJob>(
            AuditChainVerificationId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Daily(18),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurringJobs.AddOrUpdate<SlaWatchJob>(
            SlaWatchId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurringJobs.AddOrUpdate<LiveMetricsResyncJob>(
            LiveMetricsResyncId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurringJobs.AddOrUpdate<AnalyticsRollupJob>(
            AnalyticsRollupId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Hourly(5),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        // 16:30 UTC = 00:30 China Standard Time: the new day's snapshot.
        recurringJobs.AddOrUpdate<NodeSnapshotJob>(
            NodeSnapshotId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Daily(16, 30),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        // Once at start: the first run builds everything (a fresh or newly migrated database); later ones are cheap.
        recurringJobs.Trigger(AnalyticsRollupId);
        logger.LogInformation("Recurring jobs registered: {Jobs}", string.Join(", ", AuditChainVerificationId, SlaWatchId, LiveMetricsResyncId, AnalyticsRollupId, NodeSnapshotId));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
