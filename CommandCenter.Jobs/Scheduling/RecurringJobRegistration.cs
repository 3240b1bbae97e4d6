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
        logger.LogInformation("Recurring jobs registered: {Jobs}", string.Join(", ", AuditChainVerificationId, SlaWatchId, LiveMetricsResyncId));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
