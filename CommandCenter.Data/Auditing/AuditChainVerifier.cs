using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Auditing;

/// <summary>The outcome of a chain check: intact, or the first entry whose link or content does not match.</summary>
public sealed record AuditChainResult(long EntriesChecked, long? FirstBrokenId, string? Problem)
{
    public bool IsIntact => FirstBrokenId is null;
}

/// <summary>Walks the audit log in id order and recomputes every hash.</summary>
public sealed class AuditChainVerifier(IDbContextFactory<CommandCenterDbContext> contextFactory)
{
    private const int BatchSize = 2000;

    public async Task<AuditChainResult> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var expectedPrevious = AuditHash.Genesis;
        long lastId = long.MinValue;
        long checkedCount = 0;

        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Id > lastId)
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return new AuditChainResult(checkedCount, null, null);
            }

            foreach (var entry in batch)
            {
                if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
                {
                    return new AuditChainResult(checkedCount, entry.Id, "previous-hash link does not match the entry before it (an entry was changed, removed or inserted)");
                }
                var actual = AuditHash.Compute(entry.PreviousHash, entry);
                if (!string.Equals(actual, entry.Hash, StringComparison.Ordinal))
                {
                    return new AuditChainResult(checkedCount, entry.Id, "content does not match its hash (the entry was changed)");
                }
                expectedPrevious = entry.Hash;
                lastId = entry.Id;
                checkedCount++;
            }
            db.ChangeTracker.Clear();
        }
    }
}
