using System.Diagnostics;
using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The intake's data path without HTTP: <see cref="IncidentIntakeService.ReportAsync(IncidentReport, IncidentActor, string?, IntakeIdempotency?, CancellationToken)"/>
/// with an idempotency key per report, as the JSON API calls it, on the real registration (pooled context factory,
/// SQLite pragmas) over a freshly migrated database. Reports are sent at a paced rate by <c>callers</c> concurrent
/// callers; it prints the reports per second reached, the CPU per report, the latency and the mean group size
/// (reports per transaction).
/// </summary>
public static class IntakeBenchmark
{
    public static async Task<int> RunAsync(DatabaseProvider provider, string connectionString, int rate, int callers, int seconds, int warmupSeconds, TextWriter output)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:CommandCenter"] = connectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddCommandCenterData(configuration).BuildServiceProvider();
        await using (var db = DatabaseRegistration.CreateContext(provider, connectionString))
        {
            await db.Database.EnsureDeletedAsync();
        }
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await services.GetRequiredService<ReferenceDataSeeder>().EnsureAsync(CancellationToken.None);
        await using (var db = services.GetRequiredService<CommandCenterDbContext>())
        {
            await BenchmarkDistrict.AddAsync(db);
        }
        var intake = services.GetRequiredService<IncidentIntakeService>();

        await RunPhaseAsync(intake, rate, callers, warmupSeconds, "warm-up", 0, output);
        await RunPhaseAsync(intake, rate, callers, seconds, "measured", 1_000_000, output);
        return 0;
    }

    private static async Task RunPhaseAsync(IncidentIntakeService intake, int rate, int callers, int seconds, string name, int firstNumber, TextWriter output)
    {
        var total = rate * seconds;
        var latencies = new double[total];
        var next = -1;
        var (reportsBefore, transactionsBefore) = intake.Committed;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var n = Interlocked.Increment(ref next); n < total; n = Interlocked.Increment(ref next))
            {
                var due = TimeSpan.FromSeconds((double)n / rate);
                if (clock.Elapsed < due)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
                var started = Stopwatch.GetTimestamp();
                var key = new IdempotencyKey("apikey:1", $"bench-{firstNumber + n}", "hash");
                var result = await intake.ReportAsync(Report(n), new IncidentActor(null, "压测"), null,
                    new IntakeIdempotency(key, (incident, gridCode) => $"{{\"id\":{incident.Id},\"number\":\"{incident.Number}\",\"gridCode\":\"{gridCode}\"}}"));
                if (result.Status != IntakeStatus.Created)
                {
                    throw new InvalidOperationException($"Report {n}: {result.Status}");
                }
                latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var (reports, transactions) = intake.Committed;
        Array.Sort(latencies);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {total} reports in {elapsed.TotalSeconds:F1} s = {total / elapsed.TotalSeconds:F1}/s (target {rate}/s, {callers} callers); " +
            $"CPU {cpu.TotalSeconds:F1} s = {cpu.TotalMilliseconds / total:F2} ms/report ({cpu.TotalSeconds / elapsed.TotalSeconds / Environment.ProcessorCount * 100:F0} % of {Environment.ProcessorCount} cores); " +
            $"latency p50 {latencies[total / 2]:F1} ms, p99 {latencies[(int)(total * 0.99)]:F1} ms; " +
            $"{(reports - reportsBefore) / (double)Math.Max(1, transactions - transactionsBefore):F2} reports per transaction"));
    }

    private static IncidentReport Report(int n) => new()
    {
        Title = $"井盖缺失 {n}",
        Description = "压测",
        Source = SourceChannel.GridWorker,
        CategoryCode = "E0101",
        GridCode = BenchmarkDistrict.GridCode(n % 8 + 1),
        ReporterName = "王五",
        ReporterPhone = "13800138000",
    };
}
