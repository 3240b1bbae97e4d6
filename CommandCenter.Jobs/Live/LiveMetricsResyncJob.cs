using CommandCenter.Data.Live;

namespace CommandCenter.Jobs.Live;

/// <summary>
/// Every minute: asks every node's live metrics to reload from the database (pushes are hints; the database is the truth).
/// Publishes one <see cref="ChangeKind.Resync"/> notice on the live feed, which reaches every node. Safe to run twice.
/// </summary>
public sealed class LiveMetricsResyncJob(ILiveFeed liveFeed, TimeProvider time)
{
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await liveFeed.PublishAsync(new ChangeNotice(ChangeKind.Resync, 0, null, null, null, 0, time.GetUtcNow().UtcDateTime), cancellationToken);
}
