using CommandCenter.Data.Incidents;

namespace CommandCenter.Jobs.Incidents;

/// <summary>Every minute: the SLA clock watcher (breaches, supervision, escalation). Idempotent, so safe to run twice or on two nodes.</summary>
public sealed class SlaWatchJob(SlaWatcher watcher)
{
    public Task<SlaWatchResult> RunAsync(CancellationToken cancellationToken) => watcher.RunAsync(cancellationToken);
}
