using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommandCenter.Data.Tests;

/// <summary>A throw-away database on a real provider, migrated on creation and deleted on disposal.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Where PostgreSQL tests connect (without a database name); .ci/services.sh starts this server.</summary>
    public const string PostgresVariable = "COMMANDCENTER_TEST_POSTGRES";
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    /// <summary>The providers whose servers run here (SQL Server does not).</summary>
    public static TheoryData<DatabaseProvider> RunnableProviders => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : DefaultPostgres;

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true) => provider switch
    {
        DatabaseProvider.Sqlite => CreateSqliteAsync(migrate),
        DatabaseProvider.PostgreSql => CreatePostgresAsync(migrate),
        _ => throw new NotSupportedException($"{provider} cannot run on this machine."),
    };

    public CommandCenterDbContext CreateContext() => DatabaseRegistration.CreateContext(Provider, ConnectionString);

    private static async Task<TestDatabase> CreateSqliteAsync(bool migrate)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cc-test-{Guid.NewGuid():N}.db");
        var database = new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", file, null);
        if (migrate)
        {
            await database.MigrateAsync();
        }
        return database;
    }

    private static async Task<TestDatabase> CreatePostgresAsync(bool migrate)
    {
        var name = $"cc_test_{Guid.NewGuid():N}";
        var server = PostgresServer;
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{server}'. Start it with `bash .ci/services.sh` or set {PostgresVariable}.", ex);
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false };
        var database = new TestDatabase(DatabaseProvider.PostgreSql, builder.ConnectionString, null, name);
        if (migrate)
        {
            await database.MigrateAsync();
        }
        return database;
    }

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqliteFile + suffix);
            }
        }
        if (_postgresName is not null)
        {
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
