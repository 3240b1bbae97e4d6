using System.Data.Common;
using System.Net.Sockets;

namespace CommandCenter.Data.Providers;

/// <summary>
/// Tells a database that cannot be reached (refused or dropped connections, timeouts, a server shutting down) from a
/// query or data error, so callers answer 503 with Retry-After ("try again later") instead of 500.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client should wait before retrying while the database is away.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException or TimeoutException or IntakeSaturatedException:
                    return true;
                // SQLSTATE class 08 (connection exception) and 57P (operator intervention: shutdown, crash, cannot connect now).
                case DbException db when db.IsTransient
                    || db.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal)):
                    return true;
                case EndOfStreamException or IOException when e.InnerException is null or SocketException:
                    return true;
            }
        }
        return false;
    }
}

/// <summary>Intake holds <see cref="Incidents.IntakeOptions.MaxQueued"/> reports waiting for the database: the next one is refused (503).</summary>
public sealed class IntakeSaturatedException(int queued)
    : Exception($"Intake has {queued} reports waiting for the database; try again shortly.");
