using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Providers;

/// <summary>Applies the provider's migrations.</summary>
public sealed class DatabaseMigrator(
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var database = options.Value;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            DatabaseRegistration.EnsureSqliteFolder(database.EffectiveConnectionString);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, database.Provider, string.Join(", ", pending));
        }
        await db.Database.MigrateAsync(cancellationToken);

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the wall read while ingest writes; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        logger.LogInformation("Database ready ({Provider}, {DataSource})", database.Provider, DescribeDataSource(database));
    }

    private static string DescribeDataSource(DatabaseOptions database) => database.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(database.EffectiveConnectionString).DataSource,
        _ => "server",
    };
}
