using System.Diagnostics;
using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Benchmarks;

/// <summary>Times the demo-district generator on a fresh database: migrate, then seed.</summary>
internal static class SeedBenchmark
{
    internal sealed record Options(DatabaseProvider Provider, double Scale, int Seed, string? Connection, bool Keep)
    {
        public static Options Parse(ReadOnlySpan<string> args)
        {
            var provider = DatabaseProvider.Sqlite;
            var scale = 1.0;
            var seed = new DemoOptions().Seed;
            string? connection = null;
            var keep = false;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--provider": provider = Enum.Parse<DatabaseProvider>(args[++i], ignoreCase: true); break;
                    case "--scale": scale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--connection": connection = args[++i]; break;
                    case "--keep": keep = true; break;
                    default: throw new ArgumentException($"Unknown option {args[i]}");
                }
            }
            return new Options(provider, scale, seed, connection, keep);
        }
    }

    internal sealed record Result(long Rows, TimeSpan Migrate, TimeSpan Seed);

    public static async Task<Result> RunAsync(Options options)
    {
        var (connectionString, cleanup) = await CreateDatabaseAsync(options);
        try
        {
            var migrate = Stopwatch.StartNew();
            await using (var db = DatabaseRegistration.CreateContext(options.Provider, connectionString))
            {
                await db.Database.MigrateAsync();
                if (options.Provider == DatabaseProvider.Sqlite)
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                }
            }
            migrate.Stop();

            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            var seeder = new DemoDistrictSeeder(
                new ContextFactory(options.Provider, connectionString),
                Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Provider = options.Provider, ConnectionString = connectionString }),
                TimeProvider.System,
                loggerFactory.CreateLogger<DemoDistrictSeeder>());
            var result = await seeder.SeedAsync(options.Scale, options.Seed);
            foreach (var (table, rows) in result.RowCounts)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-26}{rows,12:N0}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"total",-26}{result.TotalRows,12:N0}   {result.Elapsed.TotalSeconds:F1} s"));
            return new Result(result.TotalRows, migrate.Elapsed, result.Elapsed);
        }
        finally
        {
            if (!options.Keep)
            {
                await cleanup();
            }
            else
            {
                Console.WriteLine($"kept: {connectionString}");
            }
        }
    }

    private static async Task<(string ConnectionString, Func<Task> Cleanup)> CreateDatabaseAsync(Options options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
            {
                var folder = Path.Combine(Path.GetTempPath(), "cc-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(folder);
                var connection = options.Connection ?? $"Data Source={Path.Combine(folder, "demo.db")};Pooling=False";
                return (connection, () =>
                {
                    Directory.Delete(folder, recursive: true);
                    return Task.CompletedTask;
                });
            }
            case DatabaseProvider.PostgreSql:
            {
                var server = options.Connection ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
                var name = "cc_bench_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
                await ExecutePostgresAsync(server, $"CREATE DATABASE \"{name}\"");
                var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
                return (connection, () => ExecutePostgresAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
            default:
                return (options.Connection ?? throw new ArgumentException("--connection is required for SQL Server (an empty database)."), () => Task.CompletedTask);
        }
    }

    private static async Task ExecutePostgresAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class ContextFactory(DatabaseProvider provider, string connectionString) : IDbContextFactory<CommandCenterDbContext>
    {
        public CommandCenterDbContext CreateDbContext() => DatabaseRegistration.CreateContext(provider, connectionString);
    }
}
