using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The hub fan-out alone, without the incident write path: the real app (Program on Kestrel, a temporary SQLite file,
/// district 610202 with 8 grids), N raw WebSocket clients in a child process (SignalR JSON protocol by hand; they count
/// messages, frames and bytes and decode nothing) joined to the district, and change notices published straight on the
/// live feed at R/s. Phases of D seconds alternate: no client joined (the cost of applying the notices), then the clients
/// joined with "compact" creations (no previous stage, clock or rating, as real creations) and "full" ones (every field
/// set, the size a delta had when nulls were written). The fan-out's cost per delivered message is the CPU of a phase with
/// clients minus the CPU of the phase without, divided by the messages the clients received.
///
///   dotnet run -c Release --project tests/CommandCenter.Benchmarks -- fanout --clients 1000 --rate 200 --seconds 20 --rounds 2
/// </summary>
internal static class FanOutBenchmark
{

    public static async Task<int> RunAsync(string[] args)
    {
        int clients = Option(args, "--clients", 1000), rate = Option(args, "--rate", 200), seconds = Option(args, "--seconds", 20), rounds = Option(args, "--rounds", 2);
        var folder = Path.Combine(Path.GetTempPath(), "cc-fanout", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var app = new FanOutApp(Path.Combine(folder, "cc.db"));
            app.UseKestrel(0);
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(a => new Uri(a)).First(a => a.Host is "127.0.0.1" or "localhost");
            var (key, grid) = await SeedAsync(app.Services);
            var live = app.Services.GetRequiredService<LiveMetrics>();
            await live.WhenLoaded.WaitAsync(TimeSpan.FromSeconds(30));
            await live.ReloadAsync();
            var feed = app.Services.GetRequiredService<ILiveFeed>();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# app on {address}; {clients} clients, {rate} notices/s, {seconds} s per phase, {rounds} rounds; {Environment.ProcessorCount} CPUs, server GC {System.Runtime.GCSettings.IsServerGC}"));

            var next = 0L;
            await PublishAsync(feed, grid, rate, 5, compact: true, () => next++); // warm-up of the apply path
            var idle = await MeasureAsync(() => PublishAsync(feed, grid, rate, seconds, compact: true, () => next++));

            using var child = StartClients(address, key, clients);
            var ready = await child.StandardOutput.ReadLineAsync();
            Console.WriteLine($"# clients: {ready}");
            await PublishAsync(feed, grid, rate, 5, compact: true, () => next++); // warm-up of the send path

            Console.WriteLine();
            Console.WriteLine("| phase | CPU s | messages | frames | frames per message | bytes per message | µs CPU per message (minus the no-client phase) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| no client joined | {idle.TotalSeconds:0.00} | – | – | – | – | – |"));
            for (var round = 0; round < rounds; round++)
            {
                foreach (var compact in new[] { true, false })
                {
                    var before = await StatsAsync(child);
                    var cpu = await MeasureAsync(() => PublishAsync(feed, grid, rate, seconds, compact, () => next++));
                    await Task.Delay(500); // the last tick
                    var after = await StatsAsync(child);
                    var (messages, frames, bytes) = (after.Messages - before.Messages, after.Frames - before.Frames, after.Bytes - before.Bytes);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {(compact ? "compact" : "full")} | {cpu.TotalSeconds:0.00} | {messages:N0} | {frames:N0} | {frames / (double)Math.Max(1, messages):0.00} | {bytes / (double)Math.Max(1, messages):0} | {(cpu - idle).TotalMicroseconds / Math.Max(1, messages):0.0} |"));
                }
            }
            await child.StandardInput.WriteLineAsync("STOP");
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static async Task<TimeSpan> MeasureAsync(Func<Task> phase)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await phase();
        process.Refresh();
        return process.TotalProcessorTime - before;
    }

    /// <summary>Creations in one grid, paced at rate/s: every 10 ms its share.</summary>
    private static async Task PublishAsync(ILiveFeed feed, Grid grid, int rate, int seconds, bool compact, Func<long> nextId)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds) && await timer.WaitForNextTickAsync())
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var id = 10_000_000 + nextId();
                var now = DateTime.UtcNow;
                var facts = new IncidentFacts(IncidentStage.Reported, compact ? null : IncidentStage.Reported, HandlingTier.Grid, SourceChannel.GridWorker,
                    1, IncidentPriority.Normal, false, false, false, null, $"SJ20261122{id % 1_000_000:000000}", "井盖缺失", now);
                await feed.PublishAsync(new ChangeNotice(ChangeKind.IncidentCreated, id, grid.StreetId, grid.CommunityId, grid.Id, 1, now)
                {
                    Incident = facts,
                    Clock = compact ? null : SlaClock.Respond,
                    RatingLevel = compact ? null : 5,
                });
            }
        }
    }

    private static Process StartClients(Uri address, string key, int count)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FanOutBenchmark).Assembly.Location);
        }
        foreach (var arg in new[] { "fanout-clients", address.ToString(), key, count.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }

    private static async Task<(long Messages, long Frames, long Bytes)> StatsAsync(Process child)
    {
        await child.StandardInput.WriteLineAsync("STATS");
        var line = (await child.StandardOutput.ReadLineAsync())!.Split(' ');
        return (long.Parse(line[1], CultureInfo.InvariantCulture), long.Parse(line[2], CultureInfo.InvariantCulture), long.Parse(line[3], CultureInfo.InvariantCulture));
    }

    private static async Task<(string Key, Grid Grid)> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>();
        await BenchmarkDistrict.AddAsync(db);
        var key = ApiKeyHasher.NewKey();
        db.ApiKeys.Add(new ApiKey { Name = "fanout", Channel = "grid-worker-app", Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key), Permissions = ApiKeyPermissionNames.Legacy, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return (key, await db.Grids.AsNoTracking().FirstAsync(g => g.Code == BenchmarkDistrict.GridCode(1)));
    }

    /// <summary>The child: <c>fanout-clients URL KEY COUNT</c>. Prints READY, answers STATS with "STATS messages frames bytes", ends on STOP.</summary>
    public static async Task<int> RunClientsAsync(string[] args)
    {
        var url = new UriBuilder(new Uri(new Uri(args[1]), LiveHub.Path)) { Scheme = "ws" }.Uri;
        var count = int.Parse(args[3], CultureInfo.InvariantCulture);
        long messages = 0, frames = 0, bytes = 0;
        using var stop = new CancellationTokenSource();
        var sockets = new List<ClientWebSocket>();
        var readers = new List<Task>();
        var failed = 0;
        foreach (var batch in Enumerable.Range(0, count).Chunk(50))
        {
            var joined = await Task.WhenAll(batch.Select(async _ =>
            {
                var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader(AuthenticationSchemeNames.ApiKeyHeader, args[2]);
                try
                {
                    await socket.ConnectAsync(url, CancellationToken.None);
                    await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
                    await socket.SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Join\",\"arguments\":[\"{BenchmarkDistrict.Code}\"]}}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
                    // The handshake answer and the join's completion: read until a completion record arrives.
                    var buffer = new byte[256 * 1024];
                    var text = new StringBuilder();
                    while (!text.ToString().Contains("\"type\":3", StringComparison.Ordinal))
                    {
                        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                        text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                    }
                    return socket;
                }
                catch (Exception)
                {
                    socket.Dispose();
                    Interlocked.Increment(ref failed);
                    return null;
                }
            }));
            sockets.AddRange(joined.OfType<ClientWebSocket>());
        }
        foreach (var socket in sockets)
        {
            readers.Add(Task.Run(async () =>
            {
                var buffer = new byte[64 * 1024];
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var result = await socket.ReceiveAsync(buffer.AsMemory(), stop.Token);
                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            return;
                        }
                        Interlocked.Increment(ref frames);
                        Interlocked.Add(ref bytes, result.Count);
                        if (result.EndOfMessage)
                        {
                            Interlocked.Increment(ref messages);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }));
        }
        Console.WriteLine($"READY {sockets.Count} joined, {failed} failed");
        while (await Console.In.ReadLineAsync() is { } line && line != "STOP")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STATS {Interlocked.Read(ref messages)} {Interlocked.Read(ref frames)} {Interlocked.Read(ref bytes)}"));
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        foreach (var socket in sockets)
        {
            socket.Abort();
            socket.Dispose();
        }
        return 0;
    }

    /// <summary>The real app (the Web assembly's Program; any of its types names the entry point) with its own SQLite file, demo off, logs at Warning.</summary>
    private sealed class FanOutApp(string databasePath) : WebApplicationFactory<LiveHub>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:CommandCenter", $"Data Source={databasePath}");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Demo:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Live:MaxChangesPerDelta", "1000");
        }
    }
}
