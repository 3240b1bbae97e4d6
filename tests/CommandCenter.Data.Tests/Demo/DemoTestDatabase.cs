using CommandCenter.Data.Demo;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CommandCenter.Data.Tests.Demo;

/// <summary>A migrated throw-away database (SQLite file or PostgreSQL database) that a demo district can be seeded into.</summary>
public sealed class DemoTestDatabase : IAsyncDisposable, IDbContextFactory<CommandCenterDbContext>
{
    public const double Scale = 0.05;
    public const int Seed = 20260101;
    public const string PostgresVariable = "COMMANDCENTER_TEST_POSTGRES";
    public static readonly DateTimeOffset Anchor = new(2026, 11, 22, 6, 30, 0, TimeSpan.Zero);

    private readonly string? _file;
    private readonly string? _postgresServer;
    private readonly string? _postgresName;

    private DemoTestDatabase(DatabaseProvider provider, string connectionString, string? file, string? postgresServer, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _file = file;
        _postgresServer = postgresServer;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static async Task<DemoTestDatabase> CreateSqliteAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cc-demo-test-{Guid.NewGuid():N}.db");
        var database = new DemoTestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", file, null, null);
        await database.MigrateAsync();
        return database;
    }

    /// <summary>A fresh database on the server named by <see cref="PostgresVariable"/>; fails clearly when it is set but unreachable.</summary>
    public static async Task<DemoTestDatabase> CreatePostgresAsync(string server)
    {
        var name = $"cc_demo_test_{Guid.NewGuid():N}";
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"{PostgresVariable} is set to '{server}' but PostgreSQL is not reachable there: {ex.Message}", ex);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        var database = new DemoTestDatabase(DatabaseProvider.PostgreSql, connectionString, null, server, name);
        await database.MigrateAsync();
        return database;
    }

    public CommandCenterDbContext CreateDbContext() => DatabaseRegistration.CreateContext(Provider, ConnectionString);

    public async Task MigrateAsync()
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync();
    }

    public DemoDistrictSeeder CreateSeeder(DateTimeOffset? anchor = null) => new(
        this,
        Options.Create(new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString }),
        new FakeTimeProvider(anchor ?? Anchor),
        NullLogger<DemoDistrictSeeder>.Instance);

    public Task<DemoSeedResult> SeedAsync(int seed = Seed, double scale = Scale) => CreateSeeder().SeedAsync(scale, seed);

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(_file + suffix);
            }
        }
        if (_postgresName is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>One demo district at scale 0.05, seeded once and shared by the read-only tests of a class.</summary>
public sealed class SeededDemoDistrict : IAsyncLifetime
{
    public DemoTestDatabase Database { get; private set; } = null!;
    public DemoSeedResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await DemoTestDatabase.CreateSqliteAsync();
        Result = await Database.SeedAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SeededDemoDistrictCollection : ICollectionFixture<SeededDemoDistrict>
{
    public const string Name = "Seeded demo district";
}

/// <summary>A PostgreSQL test: skipped only when <see cref="DemoTestDatabase.PostgresVariable"/> is unset (CI always sets it).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(DemoTestDatabase.PostgresVariable)))
        {
            Skip = $"{DemoTestDatabase.PostgresVariable} is not set.";
        }
    }
}
