using CommandCenter.Data.Auditing;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Jobs.Auditing;

/// <summary>Daily: recompute the audit log's hash chain and report the first broken entry. Read-only, so safe to run twice.</summary>
public sealed class AuditChainVerificationJob(AuditChainVerifier verifier, ILogger<AuditChainVerificationJob> logger)
{
    public async Task<AuditChainResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = await verifier.VerifyAsync(cancellationToken);
        if (result.IsIntact)
        {
            logger.LogInformation("Audit chain intact: {Count} entries verified", result.EntriesChecked);
        }
        else
        {
            logger.LogCritical(
                "Audit chain BROKEN at entry {EntryId} after {Count} intact entries: {Problem}",
                result.FirstBrokenId, result.EntriesChecked, result.Problem);
        }
        return result;
    }
}
