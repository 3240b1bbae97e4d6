using CommandCenter.Data.Demo;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Demo;

/// <summary>A migrated throw-away database (SQLite file or PostgreSQL database) that a demo district can be seeded into.</summary>
public sealed class DemoTestDatabase : IAsyncDisposable, IDbContextFactory<CommandCenterDbContext>
{
    public const double Scale = 0.05;
    public const int Seed = 20260101;
    public static readonly DateTimeOffset Anchor = new(2026, 11, 22, 6, 30, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;

    private DemoTestDatabase(TestDatabase database) => _database = database;

    public DatabaseProvider Provider => _database.Provider;
    public string ConnectionString => _database.ConnectionString;

    public static async Task<DemoTestDatabase> CreateSqliteAsync() => new(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));

    /// <summary>A fresh database on the test PostgreSQL server (fails clearly when it is unreachable).</summary>
    public static async Task<DemoTestDatabase> CreatePostgresAsync() => new(await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql));

    public CommandCenterDbContext CreateDbContext() => _database.CreateContext();

    public DemoDistrictSeeder CreateSeeder(DateTimeOffset? anchor = null) => new(
        this,
        Options.Create(new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString }),
        new FakeTimeProvider(anchor ?? Anchor),
        NullLogger<DemoDistrictSeeder>.Instance);

    /// <summary>Seeds the district; generated rows that break a domain invariant fail the test here, loudly.</summary>
    public async Task<DemoSeedResult> SeedAsync(int seed = Seed, double scale = Scale)
    {
        var result = await CreateSeeder().SeedAsync(scale, seed);
        if (result.Violations.Count > 0)
        {
            throw new InvalidOperationException($"The demo district breaks {result.Violations.Count} invariants:{Environment.NewLine}"
                + string.Join(Environment.NewLine, result.Violations.Take(20)));
        }
        return result;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
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
