using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using Microsoft.Extensions.DependencyInjection;

// Live hub fan-out: the real app on Kestrel at 127.0.0.1 (as for ingest), N hub clients over WebSockets on
// /hubs/live, each joined to the district node 610202, while incidents are POSTed at a paced rate R/s for D seconds.
// Every client stamps the arrival of each IncidentCreated change and keeps the change's `at` (the server's UTC time of
// the change, stamped after the commit); the tool reports deliveries (created × clients), latency from the commit
// (client receive, wall-clock UTC, − `at`; one machine, one clock), from the 201's arrival and from the send, sequence
// gaps, memory and CPU. The clients are cheap raw WebSocket clients that speak the JSON hub protocol themselves
// (RawHubClient) or, with --client-kind signalr, the SignalR .NET client (SignalRHubClient). Without
// --client-processes they run in the server's process: its memory and CPU figures then cover both. Client processes
// run with tiered compilation off, so that their cost in the short run is the steady state's.
//
//   dotnet run -c Release --no-build --project tests/CommandCenter.LoadTests -- hub --clients 1000 --rate 200 --seconds 20 --client-processes 1
//
// The measured D seconds follow a warm-up of W seconds of the same load with the clients connected (--warmup, 30 s):
// the runtime's tiered JIT replaces the first, unoptimised code of the hot paths only after a while, and a node serves
// for days, so the steady state is what counts. The warm-up's deliveries are checked for gaps but not timed.
//
// Options: --clients N, --rate R (incidents/s), --seconds D, --warmup W, --senders (concurrent POSTs, 16), --batch (connects at a
// time, 50), --drain (seconds to wait for late deliveries, 15), --max-changes (Live:MaxChangesPerDelta, 1000),
// --client-processes P (run the clients in P processes of their own, so this process's CPU and memory are the server's;
// 0 = in this process), --client-kind raw|signalr (raw), --keep.
namespace CommandCenter.LoadTests;

internal static class HubLoad
{
    private const double MiB = 1024.0 * 1024.0;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = HubOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: hub [--clients 1000] [--rate 200] [--seconds 20] [--warmup 30] [--senders 16] [--batch 50] [--drain 15] [--max-changes 1000] [--client-processes 0] [--client-kind raw|signalr] [--keep]");
            return 2;
        }
        var settings = new Dictionary<string, string>
        {
            ["Live:MaxChangesPerDelta"] = options.MaxChanges.ToString(CultureInfo.InvariantCulture),
        };
        await using var host = await LoadHost.StartAsync(options.Keep, settings);
        // Live metrics load at start, before the seed: reload so the seeded grids have their path to the district.
        var live = host.Services.GetRequiredService<LiveMetrics>();
        await live.WhenLoaded.WaitAsync(TimeSpan.FromSeconds(30));
        await live.ReloadAsync();
        Console.WriteLine($"# app on {host.Address}, database {host.DatabasePath}");
        Console.WriteLine($"# {Environment.ProcessorCount} logical CPUs, server GC {System.Runtime.GCSettings.IsServerGC}; {(options.ClientProcesses > 0 ? $"clients in {options.ClientProcesses} processes of their own (tiered compilation off), load generator and app in this one" : "clients, load generator and app share this process")}");
        Console.WriteLine($"# {options.Clients} {HubLoadClient.Describe(options.ClientKind)} clients (batches of {options.Batch}), {options.Rate}/s for {options.Seconds} s with {options.Senders} senders, Live:MaxChangesPerDelta={options.MaxChanges}");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Senders, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(AuthenticationSchemeNames.ApiKeyHeader, host.Key);

        // Warm-up of the create path (JIT, caches) before anybody joins: these incidents reach no client.
        for (var i = 0; i < 20; i++)
        {
            await PostAsync(http, $"warm-{i}", i);
        }

        var process = Process.GetCurrentProcess();
        var before = Resources.Take(process);
        var clients = new List<IHubLoadClient>();
        await using var clientProcesses = options.ClientProcesses > 0
            ? HubClientProcesses.Start(options.ClientProcesses, options.ClientKind, options.Clients, host.Address, host.Key, LoadHost.DistrictCode, options.Batch, host.Folder)
            : null;
        int failures;
        string? firstError;
        var connectClock = Stopwatch.StartNew();
        var connectDeadline = TimeSpan.FromSeconds(Math.Max(60, options.Clients / 10));
        int connectedCount;
        if (clientProcesses is not null)
        {
            (connectedCount, failures, firstError) = await clientProcesses.WaitReadyAsync(connectDeadline + TimeSpan.FromSeconds(30));
        }
        else
        {
            (clients, failures, firstError) = await HubLoadClient.ConnectAsync(
                options.ClientKind, options.Clients, options.Batch, host.Address, host.Key, LoadHost.DistrictCode, connectDeadline);
            connectedCount = clients.Count;
        }
        var connectTime = connectClock.Elapsed;
        var connectedAt = Resources.Take(process);
        Console.WriteLine($"# connected {connectedCount}/{options.Clients} in {connectTime.TotalSeconds:0.0} s, {failures} failed{(firstError is null ? "" : $" (first: {firstError})")}");
        Func<long> received = clientProcesses is not null ? () => clientProcesses.Received : () => clients.Sum(c => (long)c.CreatedChanges);

        // Warm-up: the same load, untimed, until the runtime has optimised the hot paths; then its deliveries drain.
        var warmedUp = 0L;
        if (options.Warmup > 0)
        {
            var warm = await IngestAsync(http, options with { Seconds = options.Warmup }, "warm");
            warmedUp = (long)warm.Created.Count * connectedCount;
            await DrainAsync(received, warmedUp, options.Drain);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# warm-up: {warm.Created.Count} incidents in {warm.Elapsed.TotalSeconds:0} s ({warm.Created.Count / warm.Elapsed.TotalSeconds:0.0}/s), {received():N0} of {warmedUp:N0} deliveries arrived"));
        }
        var connected = Resources.Take(process);
        var clientsConnected = clientProcesses?.Usage();

        // Ingest at the paced rate; the 201's arrival and the send are stamped per created incident.
        var ingest = await IngestAsync(http, options, "hub");
        var ingested = Resources.Take(process);
        var clientsIngested = clientProcesses?.Usage();
        var expected = (long)ingest.Created.Count * connectedCount;
        var drainClock = Stopwatch.StartNew();
        await DrainAsync(received, warmedUp + expected, options.Drain);
        var after = Resources.Take(process);
        var clientsAfter = clientProcesses?.Usage();
        var records = clientProcesses is not null
            ? await clientProcesses.StopAsync(TimeSpan.FromSeconds(120))
            : clients.Select(c => c.Record).ToList();

        var report = Analyse(records, ingest);
        var cores = Environment.ProcessorCount;
        string Pct(TimeSpan cpu, TimeSpan wall) => (cpu.TotalSeconds / (wall.TotalSeconds * cores) * 100).ToString("0", CultureInfo.InvariantCulture);
        var ingestCpu = after.Cpu - connected.Cpu;
        var ingestWall = after.At - connected.At;
        var statuses = string.Join(" ", ingest.Statuses.Where(s => s.Key != 201).Select(s => $"{s.Key}×{s.Value}"));

        Console.WriteLine();
        Console.WriteLine("| clients | target/s | achieved/s | created | deliveries expected | received | missing | p50 / p95 / p99 / max ms from commit | from the 201 p50 / p95 / p99 / max ms | from send p50 / p99 / max ms | seq gaps | changes dropped |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {connectedCount} | {options.Rate} | {ingest.Created.Count / ingest.Elapsed.TotalSeconds:0.0} | {ingest.Created.Count} | {expected:N0} | {report.Matched:N0} | {expected - report.Matched:N0} | {report.FromCommit.P(0.50):0} / {report.FromCommit.P(0.95):0} / {report.FromCommit.P(0.99):0} / {report.FromCommit.P(1):0} | {report.FromResponse.P(0.50):0} / {report.FromResponse.P(0.95):0} / {report.FromResponse.P(0.99):0} / {report.FromResponse.P(1):0} | {report.FromSend.P(0.50):0} / {report.FromSend.P(0.99):0} / {report.FromSend.P(1):0} | {report.Gaps} | {report.Dropped} |"));
        Console.WriteLine();
        Console.WriteLine("| phase | wall s | CPU s | CPU % of 2 cores | working set MiB | GC heap MiB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| before connecting | | | | {before.WorkingSet / MiB:0} | {before.Heap / MiB:0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| connect {connectedCount} | {connectTime.TotalSeconds:0.0} | {(connectedAt.Cpu - before.Cpu).TotalSeconds:0.0} | {Pct(connectedAt.Cpu - before.Cpu, connectedAt.At - before.At)} | {connectedAt.WorkingSet / MiB:0} | {connectedAt.Heap / MiB:0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| warm-up | {(connected.At - connectedAt.At).TotalSeconds:0.0} | {(connected.Cpu - connectedAt.Cpu).TotalSeconds:0.0} | {Pct(connected.Cpu - connectedAt.Cpu, connected.At - connectedAt.At)} | {connected.WorkingSet / MiB:0} | {connected.Heap / MiB:0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ingest + fan-out (measured) | {(ingested.At - connected.At).TotalSeconds:0.0} | {(ingested.Cpu - connected.Cpu).TotalSeconds:0.0} | {Pct(ingested.Cpu - connected.Cpu, ingested.At - connected.At)} | {ingested.WorkingSet / MiB:0} | {ingested.Heap / MiB:0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ingest + fan-out + drain | {ingestWall.TotalSeconds:0.0} | {ingestCpu.TotalSeconds:0.0} | {Pct(ingestCpu, ingestWall)} | {after.WorkingSet / MiB:0} | {after.Heap / MiB:0} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# ingest: {ingest.Sent} sent, {ingest.Created.Count} × 201, non-201: {(statuses.Length == 0 ? "0" : statuses)}, errors {ingest.Errors}; send lag behind schedule p50 {ingest.Lag.P(0.5):0} ms, max {ingest.Lag.P(1):0} ms; POST latency p50 {ingest.Post.P(0.5):0} ms, p99 {ingest.Post.P(0.99):0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# deltas received {report.Deltas:N0} (≈ {(connectedCount == 0 ? 0 : report.Deltas / (double)connectedCount):0} per client), changes per delta ≈ {(report.Deltas == 0 ? 0 : received() / (double)report.Deltas):0.0}, resynced flags {report.Resynced}, clients disconnected early {report.Disconnected}, duplicates {report.Duplicates}, out-of-order {report.OutOfOrder}, deliveries before the 201 {report.BeforeResponse:N0}, min from commit {report.FromCommit.P(0):0.0} ms (< 0: the clocks disagree); drain waited {drainClock.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# GC heap per connection ≈ {(connectedCount == 0 ? 0 : (connectedAt.Heap - before.Heap) / (double)connectedCount / 1024):0.0} KiB and working set ≈ {(connectedCount == 0 ? 0 : (connectedAt.WorkingSet - before.WorkingSet) / (double)connectedCount / 1024):0.0} KiB ({(clientProcesses is null ? "server + client side of each connection" : "server side only")})"));
        if (clientsConnected is { } c0 && clientsAfter is { } c1 && clientsIngested is { } ci)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# client processes during the measured ingest: CPU {(ci.Cpu - c0.Cpu).TotalSeconds:0.0} s ({Pct(ci.Cpu - c0.Cpu, ingested.At - connected.At)} % of 2 cores); app + load generator {Pct(ingested.Cpu - connected.Cpu, ingested.At - connected.At)} %; app CPU per incident including its fan-out ≈ {(ingested.Cpu - connected.Cpu).TotalMilliseconds / Math.Max(1, ingest.Created.Count):0.00} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# client processes ({HubLoadClient.Name(options.ClientKind)}): CPU {(c1.Cpu - c0.Cpu).TotalSeconds:0.0} s during ingest + drain ({Pct(c1.Cpu - c0.Cpu, ingestWall)} % of 2 cores, ≈ {(report.Deltas == 0 ? 0 : (c1.Cpu - c0.Cpu).TotalMicroseconds / report.Deltas):0} µs per delta message), working set {c1.WorkingSet / MiB:0} MiB"));
        }

        var disposeClock = Stopwatch.StartNew();
        if (!await HubLoadClient.DisposeAllAsync(clients))
        {
            Console.WriteLine("# some clients did not close within 30 s");
        }
        Console.WriteLine($"# clients disposed in {disposeClock.Elapsed.TotalSeconds:0.0} s");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<(HttpStatusCode Status, long Id)> PostAsync(HttpClient http, string idempotencyKey, int n)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents")
        {
            Content = new StringContent(LoadHost.IncidentBody(n), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return (response.StatusCode, 0);
        }
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return (response.StatusCode, body.RootElement.GetProperty("id").GetInt64());
    }

    private static async Task DrainAsync(Func<long> received, long expected, int seconds)
    {
        var clock = Stopwatch.StartNew();
        while (received() < expected && clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            await Task.Delay(100);
        }
    }

    private static async Task<IngestResult> IngestAsync(HttpClient http, HubOptions options, string prefix)
    {
        var result = new IngestResult();
        var total = (long)options.Rate * options.Seconds;
        var next = -1L;
        var run = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        var origin = Stopwatch.GetTimestamp();
        var until = TimeSpan.FromSeconds(options.Seconds);
        await Task.WhenAll(Enumerable.Range(0, options.Senders).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < until)
            {
                var ticket = Interlocked.Increment(ref next);
                if (ticket >= total)
                {
                    break;
                }
                var due = origin + (long)(ticket * (double)Stopwatch.Frequency / options.Rate);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    var (status, id) = await PostAsync(http, $"{run}-{ticket}", (int)(ticket % int.MaxValue));
                    var arrived = Stopwatch.GetTimestamp();
                    lock (result)
                    {
                        result.Sent++;
                        result.Statuses[(int)status] = result.Statuses.GetValueOrDefault((int)status) + 1;
                        result.Lag.Add(Math.Max(0, Ms(sent - due)));
                        result.Post.Add(Ms(arrived - sent));
                        if (status == HttpStatusCode.Created)
                        {
                            result.Created[id] = (sent, arrived);
                        }
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    lock (result)
                    {
                        result.Sent++;
                        result.Errors++;
                    }
                }
            }
        })));
        result.Elapsed = clock.Elapsed < until ? until : clock.Elapsed;
        return result;
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static HubReport Analyse(List<ClientRecord> records, IngestResult ingest)
    {
        var report = new HubReport();
        foreach (var record in records)
        {
            record.Analyse(ingest.Created, report);
        }
        report.FromCommit.Sort();
        report.FromResponse.Sort();
        report.FromSend.Sort();
        return report;
    }
}

internal sealed class HubReport
{
    public Samples FromCommit { get; } = new();
    public Samples FromResponse { get; } = new();
    public Samples FromSend { get; } = new();
    public long Matched { get; set; }
    public long Gaps { get; set; }
    public long OutOfOrder { get; set; }
    public long Deltas { get; set; }
    public long Dropped { get; set; }
    public long Resynced { get; set; }
    public long Disconnected { get; set; }
    public long Duplicates { get; set; }
    public long BeforeResponse { get; set; }
}

internal sealed class IngestResult
{
    public Dictionary<long, (long Sent, long Arrived)> Created { get; } = [];
    public Dictionary<int, int> Statuses { get; } = [];
    public Samples Lag { get; } = new();
    public Samples Post { get; } = new();
    public int Sent { get; set; }
    public int Errors { get; set; }
    public TimeSpan Elapsed { get; set; }
}

/// <summary>Latency samples in milliseconds; P sorts on first use.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];
    private bool _sorted;

    public void Add(double value)
    {
        _values.Add(value);
        _sorted = false;
    }

    public void Sort()
    {
        _values.Sort();
        _sorted = true;
    }

    public double P(double p)
    {
        if (_values.Count == 0)
        {
            return double.NaN;
        }
        if (!_sorted)
        {
            Sort();
        }
        return _values[Math.Clamp((int)Math.Ceiling(p * _values.Count) - 1, 0, _values.Count - 1)];
    }
}

internal readonly record struct Resources(DateTime At, TimeSpan Cpu, long WorkingSet, long Heap)
{
    public static Resources Take(Process process)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        return new Resources(DateTime.UtcNow, process.TotalProcessorTime, process.WorkingSet64, heap);
    }
}

internal sealed record HubOptions(int Clients, int Rate, int Seconds, int Warmup, int Senders, int Batch, int Drain, int MaxChanges, int ClientProcesses, HubClientKind ClientKind, bool Keep)
{
    public static HubOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "hub")
        {
            return null;
        }
        int clients = 1000, rate = 200, seconds = 20, warmup = 30, senders = 16, batch = 50, drain = 15, maxChanges = 1000, clientProcesses = 0;
        var keep = false;
        var clientKind = HubClientKind.Raw;
        int Next(ref int i, int min, int max) => Math.Clamp(int.Parse(args[++i], CultureInfo.InvariantCulture), min, max);
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--clients" when i + 1 < args.Length: clients = Next(ref i, 0, 20_000); break;
                case "--rate" when i + 1 < args.Length: rate = Next(ref i, 1, 5_000); break;
                case "--seconds" when i + 1 < args.Length: seconds = Next(ref i, 1, 120); break;
                case "--warmup" when i + 1 < args.Length: warmup = Next(ref i, 0, 600); break;
                case "--senders" when i + 1 < args.Length: senders = Next(ref i, 1, 256); break;
                case "--batch" when i + 1 < args.Length: batch = Next(ref i, 1, 500); break;
                case "--drain" when i + 1 < args.Length: drain = Next(ref i, 0, 120); break;
                case "--max-changes" when i + 1 < args.Length: maxChanges = Next(ref i, 0, 1000); break;
                case "--client-processes" when i + 1 < args.Length: clientProcesses = Next(ref i, 0, 16); break;
                case "--client-kind" when i + 1 < args.Length && HubLoadClient.ParseKind(args[i + 1]) is { } kind: clientKind = kind; i++; break;
                case "--keep": keep = true; break;
                default: return null;
            }
        }
        return new HubOptions(clients, rate, seconds, warmup, senders, batch, drain, maxChanges, clientProcesses, clientKind, keep);
    }
}
