using CommandCenter.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Auditing;

/// <summary>The outcome of a chain check: intact, or the first entry whose link, content or place does not match.</summary>
public sealed record AuditChainResult(long EntriesChecked, long? FirstBrokenId, string? Problem)
{
    public bool IsIntact => FirstBrokenId is null && Problem is null;
}

/// <summary>
/// Walks the audit log in id order, checks every link and keyed hash, and compares the end with the signed head:
/// an edited, inserted or deleted entry (the newest ones included) is found.
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<CommandCenterDbContext> contextFactory, InstallationSecrets secrets, AuditLog audit)
{
    public const string VerifyAction = "audit.verify";

    private const int BatchSize = 2000;

    /// <summary>A check someone asked for (page or API): verified, and the check and its outcome audited.</summary>
    public async Task<AuditChainResult> VerifyForAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        var result = await VerifyAsync(cancellationToken);
        await audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, VerifyAction, "AuditChain", null,
            result.IsIntact ? $"intact, {result.EntriesChecked} checked" : $"broken at {result.FirstBrokenId}: {result.Problem}", actor.RemoteIp), cancellationToken);
        return result;
    }

    public async Task<AuditChainResult> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var key = secrets.AuditHmacKey;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditChainHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Id == AuditChainHead.MainChain, cancellationToken);
        if (head is not null && !string.Equals(AuditHash.Sign(head, key), head.Signature, StringComparison.Ordinal))
        {
            return new AuditChainResult(0, head.LastEntryId, "the chain head's signature does not match (the head was changed)");
        }

        var expectedPrevious = AuditHash.Genesis;
        long lastId = 0;
        long checkedCount = 0;
        var keyed = false;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Id > lastId)
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var entry in batch)
            {
                var problem = Check(entry, expectedPrevious, head, keyed, key);
                if (problem is not null)
                {
                    return new AuditChainResult(checkedCount, entry.Id, problem);
                }
                keyed |= entry.HashVersion == AuditHash.HmacVersion;
                expectedPrevious = entry.Hash;
                lastId = entry.Id;
                checkedCount++;
            }
        }

        if (head is null)
        {
            // Only an unkeyed chain from before the head existed may have none.
            return keyed
                ? new AuditChainResult(checkedCount, lastId, "the signed chain head is missing")
                : new AuditChainResult(checkedCount, null, null);
        }
        if (lastId != head.LastEntryId || checkedCount != head.Count || !string.Equals(expectedPrevious, head.LastHash, StringComparison.Ordinal))
        {
            return new AuditChainResult(checkedCount, head.LastEntryId, "the chain ends before its signed head (the newest entries were removed)");
        }
        return new AuditChainResult(checkedCount, null, null);
    }

    private static string? Check(AuditEntry entry, string expectedPrevious, AuditChainHead? head, bool keyed, byte[] key)
    {
        if (head is not null && entry.Id > head.LastEntryId)
        {
            return "the entry lies after the signed head (it was inserted)";
        }
        if (entry.HashVersion is not (AuditHash.Sha256Version or AuditHash.HmacVersion) || (keyed && entry.HashVersion == AuditHash.Sha256Version))
        {
            return "the entry claims an unkeyed hash after the chain was keyed (it was inserted or changed)";
        }
        if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
        {
            return "previous-hash link does not match the entry before it (an entry was changed, removed or inserted)";
        }
        return string.Equals(AuditHash.Compute(entry.PreviousHash, entry, key), entry.Hash, StringComparison.Ordinal)
            ? null
            : "content does not match its keyed hash (the entry was changed)";
    }
}
