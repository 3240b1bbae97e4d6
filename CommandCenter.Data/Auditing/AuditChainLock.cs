using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Auditing;

/// <summary>
/// The database lock that serialises appends to the audit chain across nodes, held until the open transaction ends:
/// PostgreSQL an advisory transaction lock, SQL Server an application lock owned by the transaction, SQLite the
/// database write lock (taken at once by a no-op write to the head table, so two readers cannot both read the same head).
/// </summary>
internal static class AuditChainLock
{
    /// <summary>The advisory lock key: "CCAUDIT1" as a 64-bit number (0x4343415544495431).</summary>
    private const string PostgresLock = "SELECT pg_advisory_xact_lock(4846789458454467633)";

    public static async Task EnterAsync(CommandCenterDbContext db, CancellationToken cancellationToken)
    {
        switch (db)
        {
            case PostgreSqlCommandCenterDbContext:
                await db.Database.ExecuteSqlRawAsync(PostgresLock, cancellationToken);
                break;
            case SqlServerCommandCenterDbContext:
                await db.Database.ExecuteSqlRawAsync(
                    "DECLARE @result int; EXEC @result = sp_getapplock @Resource = N'CommandCenter.AuditChain', @LockMode = N'Exclusive', " +
                    "@LockOwner = N'Transaction', @LockTimeout = 30000; IF @result < 0 THROW 51001, N'The audit chain lock was not granted.', 1;",
                    cancellationToken);
                break;
            default:
                await db.Database.ExecuteSqlRawAsync("UPDATE AuditChainHeads SET LastEntryId = LastEntryId WHERE Id = 1", cancellationToken);
                break;
        }
    }
}
