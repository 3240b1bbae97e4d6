using CommandCenter.Data.Analytics;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Live;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Data.Imports;

/// <summary>
/// What follows an applied import: the grid cache drops, today's node snapshots are retaken (the analytics of the affected
/// nodes follow), and a <see cref="ChangeKind.ReferenceDataChanged"/> notice makes every node reload its live state and drop its
/// geometry and base-number caches (<see cref="IReferenceDataCache"/>).
/// The import has committed by then: a failure here is logged, never the run's.
/// </summary>
public sealed class ImportAftermath(GridLocator gridLocator, NodeSnapshotBuilder snapshots, ILiveFeed liveFeed, TimeProvider time, ILogger<ImportAftermath> logger)
{
    public async Task AfterAppliedAsync(long importRunId, CancellationToken cancellationToken)
    {
        gridLocator.Invalidate();
        try
        {
            await snapshots.TakeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Import run {RunId} applied, but today's node snapshots could not be retaken; the nightly job will", importRunId);
        }
        await liveFeed.PublishAsync(ChangeNotice.ReferenceData(time.GetUtcNow().UtcDateTime, importRunId), cancellationToken);
    }
}
