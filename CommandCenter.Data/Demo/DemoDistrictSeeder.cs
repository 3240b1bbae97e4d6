using System.Diagnostics;
using System.Threading.Channels;
using CommandCenter.Data.Demo.BulkLoading;
using CommandCenter.Data.Demo.Generators;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Demo;

/// <summary>Progress of a demo-district load.</summary>
public sealed record DemoSeedProgress(string Stage, long RowsWritten, double Fraction);

/// <summary>What a demo-district load wrote, and the domain rules the generated rows broke (none, normally).</summary>
public sealed record DemoSeedResult(IReadOnlyDictionary<string, long> RowCounts, TimeSpan Elapsed, IReadOnlyList<DemoInvariantViolation> Violations)
{
    public long TotalRows => RowCounts.Values.Sum();
}

/// <summary>
/// Generates the demo district deterministically and bulk-loads it with the provider's fast path. Generation runs on
/// a background task one table ahead of the loader, so both cores work. Expects a migrated database without a district;
/// the category catalogue is ensured first (<see cref="ReferenceDataSeeder"/>). The generated incident rows are then
/// checked against <see cref="DemoInvariants"/>: violations are logged as errors and returned, not thrown, because the
/// district is already committed by then and a start-up that throws would leave a demo that never starts (and a wrong
/// rule would take the demo down with it); tests fail on them.
/// </summary>
public sealed partial class DemoDistrictSeeder(
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    IOptions<DatabaseOptions> options,
    TimeProvider timeProvider,
    ILogger<DemoDistrictSeeder> logger)
{
    /// <summary>True when the database already holds a district.</summary>
    public async Task<bool> IsSeededAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Districts.AnyAsync(cancellationToken);
    }

    public async Task<DemoSeedResult> SeedAsync(double scale, int seed, IProgress<DemoSeedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var total = Stopwatch.StartNew();
        var database = options.Value;
        var anchor = timeProvider.GetUtcNow().UtcDateTime;

        await new ReferenceDataSeeder(contextFactory, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReferenceDataSeeder>.Instance).EnsureAsync(cancellationToken);
        List<IncidentCategory> categories;
        Dictionary<Type, TableMap> maps;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Districts.AnyAsync(cancellationToken))
            {
                throw new InvalidOperationException("The database already holds a district; the demo district is loaded into an empty database only.");
            }
            categories = await db.IncidentCategories.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
            maps = DemoDistrictGenerator.TableTypes.ToDictionary(t => t, t => TableMap.For(db, t));
        }
        LogStarting(logger, scale, seed, anchor, database.Provider);

        // Unbounded: the generator keeps everything it made anyway (later tables refer to earlier rows), so letting it
        // run ahead costs no memory and keeps the second core busy while big tables load.
        var tables = Channel.CreateUnbounded<(DemoTable Table, TimeSpan GenerateTime)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                var watch = Stopwatch.StartNew();
                foreach (var table in DemoDistrictGenerator.Generate(scale, seed, anchor, categories))
                {
                    await tables.Writer.WriteAsync((table, watch.Elapsed), cancellationToken);
                    watch.Restart();
                }
                tables.Writer.Complete();
            }
            catch (Exception ex)
            {
                tables.Writer.Complete(ex);
                throw;
            }
        }, cancellationToken);

        var counts = new Dictionary<string, long>();
        var checkedTables = new List<DemoTable>();
        var estimate = DemoDistrictGenerator.EstimateRows(scale);
        long written = 0;
        await using (var loader = await DemoBulkLoader.OpenAsync(database.Provider, database.EffectiveConnectionString, cancellationToken))
        {
            await foreach (var (table, generateTime) in tables.Reader.ReadAllAsync(cancellationToken))
            {
                var map = maps[table.EntityType];
                if (DemoIncidentRows.Types.Contains(table.EntityType))
                {
                    checkedTables.Add(table);
                }
                var watch = Stopwatch.StartNew();
                await loader.WriteAsync(map, table.Rows, cancellationToken);
                var elapsed = watch.Elapsed;
                counts[map.Table] = counts.GetValueOrDefault(map.Table) + table.Rows.Count;
                written += table.Rows.Count;
                LogTable(logger, map.Table, table.Rows.Count, generateTime.TotalMilliseconds, elapsed.TotalMilliseconds, table.Rows.Count / Math.Max(elapsed.TotalSeconds, 1e-6));
                progress?.Report(new DemoSeedProgress(map.Table, written, Math.Min(0.99, (double)written / estimate)));
            }
            await producer;
            var completing = Stopwatch.StartNew();
            await loader.CompleteAsync(cancellationToken);
            LogCompleted(logger, completing.Elapsed.TotalMilliseconds);
        }
        var violations = DemoInvariants.Check(DemoIncidentRows.From(checkedTables), anchor);
        foreach (var violation in violations.Take(MaxLoggedViolations))
        {
            LogViolation(logger, violation.Rule, violation.Message, string.Join(", ", violation.Ids));
        }
        if (violations.Count > 0)
        {
            LogViolations(logger, violations.Count, string.Join(", ", violations.CountBy(v => v.Rule).Select(p => $"{p.Key} {p.Value}")));
        }
        total.Stop();
        progress?.Report(new DemoSeedProgress("Done", written, 1.0));
        LogDone(logger, written, total.Elapsed.TotalSeconds, written / Math.Max(total.Elapsed.TotalSeconds, 1e-6));
        return new DemoSeedResult(counts, total.Elapsed, violations);
    }

    private const int MaxLoggedViolations = 20;

    [LoggerMessage(Level = LogLevel.Information, Message = "Generating the demo district: scale {Scale}, seed {Seed}, anchor {Anchor:O}, provider {Provider}")]
    private static partial void LogStarting(ILogger logger, double scale, int seed, DateTime anchor, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo {Table}: {Rows} rows (generated in {GenerateMs:F0} ms, loaded in {LoadMs:F0} ms, {RowsPerSecond:F0} rows/s)")]
    private static partial void LogTable(ILogger logger, string table, int rows, double generateMs, double loadMs, double rowsPerSecond);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo load completed (indexes, sequences, commit) in {Milliseconds:F0} ms")]
    private static partial void LogCompleted(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo data breaks {Rule}: {Message} [{Ids}]")]
    private static partial void LogViolation(ILogger logger, string rule, string message, string ids);

    [LoggerMessage(Level = LogLevel.Error, Message = "The generated demo district breaks {Count} domain invariants ({ByRule}); the demo runs, but its screens may contradict themselves")]
    private static partial void LogViolations(ILogger logger, int count, string byRule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo district loaded: {Rows} rows in {Seconds:F1} s ({RowsPerSecond:F0} rows/s)")]
    private static partial void LogDone(ILogger logger, long rows, double seconds, double rowsPerSecond);
}
