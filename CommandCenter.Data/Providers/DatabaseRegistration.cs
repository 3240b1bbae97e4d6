using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommandCenter.Data.Providers;

/// <summary>Configures a provider-specific context from the one configuration switch.</summary>
public static class DatabaseRegistration
{
    public static Type ContextTypeFor(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => typeof(SqliteCommandCenterDbContext),
        DatabaseProvider.PostgreSql => typeof(PostgreSqlCommandCenterDbContext),
        DatabaseProvider.SqlServer => typeof(SqlServerCommandCenterDbContext),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    public static DbContextOptionsBuilder<TContext> Configure<TContext>(
        DbContextOptionsBuilder<TContext> builder, DatabaseProvider provider, string connectionString)
        where TContext : CommandCenterDbContext
    {
        Configure((DbContextOptionsBuilder)builder, provider, connectionString);
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.CommandTimeout(60));
                builder.AddInterceptors(SqlitePragmaInterceptor.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(connectionString, o => o.CommandTimeout(60));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, o => o.CommandTimeout(60));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
    }

    /// <summary>Creates a context for the given provider without dependency injection (tools, tests, command-line verbs).</summary>
    public static CommandCenterDbContext CreateContext(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteCommandCenterDbContext(
            Configure(new DbContextOptionsBuilder<SqliteCommandCenterDbContext>(), provider, connectionString).Options),
        DatabaseProvider.PostgreSql => new PostgreSqlCommandCenterDbContext(
            Configure(new DbContextOptionsBuilder<PostgreSqlCommandCenterDbContext>(), provider, connectionString).Options),
        DatabaseProvider.SqlServer => new SqlServerCommandCenterDbContext(
            Configure(new DbContextOptionsBuilder<SqlServerCommandCenterDbContext>(), provider, connectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>Makes sure the folder of a SQLite database file exists.</summary>
    public static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>
    /// WAL-friendly settings on every SQLite connection: fast commits, and waiting instead of failing on a busy database.
    /// Reads go through a memory map (up to 1 GiB of the file): a pooled connection drops its page cache whenever
    /// another connection has written, and re-reading pages through the map costs no system call and no copy (with
    /// pread, re-reading was 7 % of the CPU at 200 reports/s).
    /// The settings last as long as the native connection, which the SqliteConnection pool reuses, so they are sent once
    /// per native connection rather than on every open (a context opens and closes its connection per query).
    /// </summary>
    private sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
    {
        public static readonly SqlitePragmaInterceptor Instance = new();
        private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA mmap_size=1073741824;";
        private static readonly ConditionalWeakTable<object, object> Configured = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (NeedsPragmas(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                command.ExecuteNonQuery();
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (NeedsPragmas(connection))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        private static bool NeedsPragmas(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, Instance);
    }
}
