using System.Security.Cryptography;
using CommandCenter.Data.Providers;
using CommandCenter.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Auditing;

/// <summary>What to record; the log adds the time and the chain hashes.</summary>
public sealed record AuditRecord(
    string? UserId,
    string UserName,
    string Action,
    string? EntityType = null,
    string? EntityId = null,
    string? Detail = null,
    string? RemoteIp = null);

/// <summary>Well-known audit actions.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in.failed";
    public const string SignOut = "sign-out";
    public const string UserCreated = "user.create";
}

/// <summary>
/// Appends entries to the keyed audit chain. Every append takes a database lock on the chain (PostgreSQL
/// <c>pg_advisory_xact_lock</c>, SQL Server <c>sp_getapplock</c>, SQLite the write transaction), links to the signed head
/// and rewrites the head in the same transaction, so several nodes keep one linear chain.
/// </summary>
public sealed class AuditLog(IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time, InstallationSecrets? secrets = null) : IDisposable
{
    /// <summary>The key; without installation secrets (tests that only read actions) a random one per instance.</summary>
    private readonly byte[] _key = secrets?.AuditHmacKey ?? RandomNumberGenerator.GetBytes(32);

    /// <summary>Appends in a transaction of its own.</summary>
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        using var gate = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await AppendCoreAsync(db, record, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entry;
    }

    /// <summary>
    /// Appends in the caller's open transaction on <paramref name="db"/> (so the entry commits or rolls back with the
    /// action; the chain lock is held until then). Pending changes of the context are saved with it.
    /// Without an open transaction it opens and commits one.
    /// </summary>
    public async Task<AuditEntry> AppendAsync(CommandCenterDbContext db, AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await AppendCoreAsync(db, record, cancellationToken);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await AppendCoreAsync(db, record, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entry;
    }

    private async Task<AuditEntry> AppendCoreAsync(CommandCenterDbContext db, AuditRecord record, CancellationToken cancellationToken)
    {
        await AuditChainLock.EnterAsync(db, cancellationToken);
        var head = await db.AuditChainHeads.FirstOrDefaultAsync(h => h.Id == AuditChainHead.MainChain, cancellationToken);
        if (head is null)
        {
            // First keyed append: the head starts at the newest entry (an older, unkeyed chain continues) or the genesis.
            var newest = await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            head = new AuditChainHead
            {
                Id = AuditChainHead.MainChain,
                LastEntryId = newest?.Id ?? 0,
                LastHash = newest?.Hash ?? AuditHash.Genesis,
                Count = await db.AuditEntries.LongCountAsync(cancellationToken),
                Signature = string.Empty,
            };
            db.AuditChainHeads.Add(head);
        }

        var entry = new AuditEntry
        {
            At = AuditHash.Normalize(time.GetUtcNow().UtcDateTime),
            UserId = record.UserId,
            UserName = Truncate(record.UserName, 256)!,
            Action = Truncate(record.Action, 64)!,
            EntityType = Truncate(record.EntityType, 64),
            EntityId = Truncate(record.EntityId, 64),
            Detail = Truncate(record.Detail, 2000),
            RemoteIp = Truncate(record.RemoteIp, 64),
            PreviousHash = head.LastHash,
            Hash = string.Empty,
            HashVersion = AuditHash.HmacVersion,
        };
        entry.Hash = AuditHash.Compute(entry.PreviousHash, entry, _key);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);

        head.LastEntryId = entry.Id;
        head.LastHash = entry.Hash;
        head.Count++;
        head.Signature = AuditHash.Sign(head, _key);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>Holds nothing since appends lock in the database; kept for callers that dispose the log.</summary>
    public void Dispose()
    {
    }

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}
