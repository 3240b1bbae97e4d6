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
/// Appends entries to the hash-chained audit log. Appends are serialized in-process, so the chain
/// stays linear on one node (several nodes writing at once need a database lock; see the report).
/// </summary>
public sealed class AuditLog(IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var previousHash = await db.AuditEntries
                .OrderByDescending(e => e.Id)
                .Select(e => e.Hash)
                .FirstOrDefaultAsync(cancellationToken) ?? AuditHash.Genesis;

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
                PreviousHash = previousHash,
                Hash = string.Empty,
            };
            entry.Hash = AuditHash.Compute(previousHash, entry);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}
