using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Providers;

/// <summary>
/// SQLite has one writer per database file, and a writer that finds the file locked sleeps in growing steps (its
/// busy handler) before it tries again. The hot write paths (incident intake, idempotency reservations) queue on this
/// async gate instead, one per file in this process, so the lock passes from one to the next at once. Other
/// providers lock rows, not files: for them the gate is a no-op. Never enter it twice on one flow (it is not re-entrant).
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the file's gate; dispose the result after the transaction ends. Null for other providers.</summary>
    public static async ValueTask<IDisposable?> EnterAsync(CommandCenterDbContext db, CancellationToken cancellationToken)
    {
        if (db is not SqliteCommandCenterDbContext)
        {
            return null;
        }
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
