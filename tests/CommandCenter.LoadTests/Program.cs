using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Incident ingest through the JSON API: the real app on Kestrel at 127.0.0.1 (free port), a temporary SQLite file,
// N concurrent HttpClient workers POSTing /api/v1/incidents with unique Idempotency-Keys for a fixed time.
//
//   dotnet run -c Release --project tests/CommandCenter.LoadTests -- ingest --workers 1,8,32 --seconds 20
//   dotnet run -c Release --project tests/CommandCenter.LoadTests -- hub --clients 1000 --rate 200 --seconds 20   (see HubLoad.cs)
//
// Options: --workers (comma list), --seconds (per run), --warmup (seconds, per run), --keep (keep the database).
namespace CommandCenter.LoadTests;

internal static class IngestLoad
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["hub-clients", ..])
        {
            return await HubClientProcesses.RunChildAsync(args);
        }
        if (args is ["hub", ..])
        {
            return await HubLoad.RunAsync(args);
        }
        var options = LoadOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: ingest [--workers 1,8,32] [--seconds 20] [--warmup 3] [--keep]");
            return 2;
        }

        await using (var host = await LoadHost.StartAsync(options.Keep))
        {
            Console.WriteLine($"# app on {host.Address}, database {host.DatabasePath}");
            Console.WriteLine($"# {Environment.ProcessorCount} logical CPUs, server GC {System.Runtime.GCSettings.IsServerGC}, {options.Seconds} s per run after {options.Warmup} s warm-up");
            Console.WriteLine();
            Console.WriteLine("| workers | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-201 | errors | rows added | rows = 201s |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
            foreach (var workers in options.Workers)
            {
                var result = await RunAsync(host.Services, host.Address, host.Key, workers, options);
                Console.WriteLine(result);
            }
        }
        return 0;
    }

    private static async Task<int> CountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>().Incidents.CountAsync();
    }

    private static async Task<string> RunAsync(IServiceProvider services, Uri address, string key, int workers, LoadOptions options)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        // Warm-up: not measured, but its rows count in the check below.
        var before = await CountAsync(services);
        var warm = await LoadAsync(client, workers, TimeSpan.FromSeconds(options.Warmup), $"w{workers}-warm");
        var measured = await LoadAsync(client, workers, TimeSpan.FromSeconds(options.Seconds), $"w{workers}");
        var added = await CountAsync(services) - before;

        var latencies = measured.Latencies.Order().ToArray();
        double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        var created = warm.Created + measured.Created;
        var nonCreated = string.Join(" ", measured.Statuses.Where(s => s.Key != 201).Select(s => $"{s.Key}×{s.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"| {workers} | {measured.Requests} | {measured.Requests / measured.Elapsed.TotalSeconds:0} | {Percentile(0.50):0.0} | {Percentile(0.95):0.0} | {Percentile(0.99):0.0} | {Percentile(1.0):0.0} | {(nonCreated.Length == 0 ? "0" : nonCreated)} | {measured.Errors} | {added} | {(added == created ? "yes" : $"NO ({created} × 201)")} |");
    }

    private static async Task<LoadResult> LoadAsync(HttpClient client, int workers, TimeSpan duration, string keyPrefix)
    {
        var results = new LoadResult();
        var clock = Stopwatch.StartNew();
        var until = clock.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var latencies = new List<long>(16_384);
            var statuses = new Dictionary<int, int>();
            var errors = 0;
            for (var n = 0; clock.Elapsed < until; n++)
            {
                var body = LoadHost.IncidentBody(n);
                // CC_LOAD_GET=/path measures a GET instead (to tell the app's cost from the stack's).
            using var request = Environment.GetEnvironmentVariable("CC_LOAD_GET") is { Length: > 0 } get
                ? new HttpRequestMessage(HttpMethod.Get, get)
                : new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("Idempotency-Key", $"{keyPrefix}-{worker}-{n}");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    latencies.Add(Stopwatch.GetTimestamp() - started);
                    statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    errors++;
                }
            }
            lock (results)
            {
                results.Latencies.AddRange(latencies);
                foreach (var (status, count) in statuses)
                {
                    results.Statuses[status] = results.Statuses.GetValueOrDefault(status) + count;
                }
                results.Errors += errors;
            }
        })));
        results.Elapsed = clock.Elapsed;
        return results;
    }
}

internal sealed class LoadResult
{
    public List<long> Latencies { get; } = [];
    public Dictionary<int, int> Statuses { get; } = [];
    public int Errors { get; set; }
    public TimeSpan Elapsed { get; set; }
    public int Requests => Latencies.Count + Errors;
    public int Created => Statuses.GetValueOrDefault(201);
}

internal sealed record LoadOptions(int[] Workers, int Seconds, int Warmup, bool Keep)
{
    public static LoadOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "ingest")
        {
            return null;
        }
        var workers = new[] { 1, 8, 32 };
        int seconds = 20, warmup = 3;
        var keep = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--workers" when i + 1 < args.Length:
                    workers = [.. args[++i].Split(',').Select(w => Math.Clamp(int.Parse(w, CultureInfo.InvariantCulture), 1, 256))];
                    break;
                case "--seconds" when i + 1 < args.Length:
                    seconds = Math.Clamp(int.Parse(args[++i], CultureInfo.InvariantCulture), 1, 120);
                    break;
                case "--warmup" when i + 1 < args.Length:
                    warmup = Math.Clamp(int.Parse(args[++i], CultureInfo.InvariantCulture), 0, 30);
                    break;
                case "--keep":
                    keep = true;
                    break;
                default:
                    return null;
            }
        }
        return new LoadOptions(workers, seconds, warmup, keep);
    }
}
