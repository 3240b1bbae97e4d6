using System.Diagnostics;
using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Analytics;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The analytics engine on a seeded database: a full rollup rebuild of every day with incidents, the node snapshot,
/// an incremental run after an hour's worth of changes, and the page's area reads (district, street, community, grid).
/// </summary>
public static class AnalyticsBenchmark
{
    public static async Task<int> RunAsync(DatabaseProvider provider, string connectionString, TextWriter output)
    {
        await using (var db = DatabaseRegistration.CreateContext(provider, connectionString))
        {
            await db.Database.MigrateAsync();
        }
        var factory = new Factory(provider, connectionString);
        var time = TimeProvider.System;
        var builder = new IncidentRollupBuilder(factory, time, NullLogger<IncidentRollupBuilder>.Instance);

        DateOnly first, last;
        await using (var db = factory.CreateDbContext())
        {
            first = ChinaDay.Of(await db.Incidents.MinAsync(i => i.ReportedAt));
            last = ChinaDay.Of(new[] { await db.Incidents.MaxAsync(i => i.UpdatedAt), await db.Incidents.MaxAsync(i => i.ResolveDueAt) }.Max());
        }
        var full = await builder.RebuildAsync(first, last);
        output.WriteLine(Line($"full rebuild: {full.Days} days, {full.RowsWritten} rows, {full.Elapsed.TotalSeconds:F1} s"));

        var watch = Stopwatch.StartNew();
        var snapshot = await new NodeSnapshotBuilder(factory, time, NullLogger<NodeSnapshotBuilder>.Instance).TakeAsync(last);
        output.WriteLine(Line($"node snapshot: {snapshot} nodes, {watch.Elapsed.TotalSeconds:F2} s"));

        // Sets the watermark (no watermark yet: a full rebuild), then an hour of changes: 120 incidents updated.
        var initial = await builder.RunIncrementalAsync();
        output.WriteLine(Line($"first incremental (sets the watermark, rebuilds all): {initial.RowsWritten} rows, {initial.Elapsed.TotalSeconds:F1} s"));
        await using (var db = factory.CreateDbContext())
        {
            var now = DateTime.UtcNow;
            var ids = await db.Incidents.OrderByDescending(i => i.ReportedAt).Select(i => i.Id).Take(120).ToListAsync();
            await db.Incidents.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(u => u.SetProperty(i => i.UpdatedAt, now));
        }
        var incremental = await builder.RunIncrementalAsync();
        output.WriteLine(Line($"incremental after 120 updated incidents: {incremental.Days} days, {incremental.RowsWritten} rows, {incremental.Elapsed.TotalMilliseconds:F0} ms"));
        var idle = await builder.RunIncrementalAsync();
        output.WriteLine(Line($"incremental with nothing new (overlap only): {idle.Days} days, {idle.Elapsed.TotalMilliseconds:F0} ms"));

        var reader = new AnalyticsReader(factory, Microsoft.Extensions.Options.Options.Create(new AnalyticsOptions()), Microsoft.Extensions.Options.Options.Create(new CommandCenter.Data.Measures.MeasuresOptions()));
        string district, street, community, grid;
        await using (var db = factory.CreateDbContext())
        {
            district = await db.Districts.Select(d => d.Code).FirstAsync();
            street = await db.Streets.OrderBy(s => s.Code).Select(s => s.Code).FirstAsync();
            community = await db.Communities.OrderBy(s => s.Code).Select(s => s.Code).FirstAsync();
            grid = await db.Grids.OrderBy(s => s.Code).Select(s => s.Code).FirstAsync();
        }
        foreach (var (code, days) in new[] { (district, 1), (district, 30), (district, 365), (street, 30), (community, 30), (grid, 30) })
        {
            var period = new AnalyticsPeriod(last.AddDays(-days + 1), last);
            var times = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                watch.Restart();
                _ = await reader.LoadAreaAsync(code, period, null) ?? throw new InvalidOperationException($"No report for {code}.");
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            output.WriteLine(Line($"area report {code} ({days} days): first {times[0]:F0} ms, warm median {times.Skip(1).Order().ElementAt(1):F0} ms"));
        }
        return 0;
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Factory(DatabaseProvider provider, string connectionString) : IDbContextFactory<CommandCenterDbContext>
    {
        public CommandCenterDbContext CreateDbContext() => DatabaseRegistration.CreateContext(provider, connectionString);
    }
}
