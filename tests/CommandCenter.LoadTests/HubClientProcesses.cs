using System.Diagnostics;
using System.Globalization;

namespace CommandCenter.LoadTests;

/// <summary>
/// The hub clients in processes of their own (<c>hub --client-processes P</c>), so that the app's process holds only the
/// server and the senders and its CPU and memory are the server's. Each child runs <c>hub-clients</c> with the run's
/// <see cref="HubClientKind"/> and tiered compilation off: it connects its share, prints
/// <c>READY connected failed [error]</c>, then <c>RECEIVED n</c> four times a second until it reads <c>STOP</c>, writes
/// its <see cref="ClientRecord"/>s to a file and prints <c>DONE</c>.
/// </summary>
internal sealed class HubClientProcesses : IAsyncDisposable
{
    private readonly List<Child> _children = [];

    private sealed class Child(Process process, string output)
    {
        public Process Process { get; } = process;
        public string Output { get; } = output;
        public TaskCompletionSource<(int Connected, int Failed, string? Error)> Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long Received;
    }

    public static HubClientProcesses Start(int processes, HubClientKind kind, int clients, Uri address, string key, string nodeCode, int batch, string folder)
    {
        var group = new HubClientProcesses();
        for (var i = 0; i < processes; i++)
        {
            var count = clients / processes + (i < clients % processes ? 1 : 0);
            var output = Path.Combine(folder, $"clients-{i}.bin");
            var start = new ProcessStartInfo(Environment.ProcessPath!)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                // Fully optimised code from the first call: without it the clients re-JIT their receive path (tiered
                // compilation, PGO) during the short measured window, which cost the raw client ≈ 30 % more CPU.
                Environment = { ["DOTNET_TieredCompilation"] = "0" },
            };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                start.ArgumentList.Add(typeof(HubClientProcesses).Assembly.Location); // started as `dotnet CommandCenter.LoadTests.dll`
            }
            foreach (var arg in new[] { "hub-clients", "--kind", HubLoadClient.Name(kind), "--url", address.ToString(), "--key", key, "--node", nodeCode,
                         "--count", count.ToString(CultureInfo.InvariantCulture), "--batch", batch.ToString(CultureInfo.InvariantCulture), "--out", output })
            {
                start.ArgumentList.Add(arg);
            }
            var child = new Child(Process.Start(start)!, output);
            child.Process.OutputDataReceived += (_, e) => OnLine(child, e.Data);
            child.Process.BeginOutputReadLine();
            group._children.Add(child);
        }
        return group;
    }

    private static void OnLine(Child child, string? line)
    {
        var parts = line?.Split(' ', 4) ?? [];
        switch (parts)
        {
            case ["READY", var connected, var failed, ..]:
                child.Ready.TrySetResult((int.Parse(connected, CultureInfo.InvariantCulture), int.Parse(failed, CultureInfo.InvariantCulture), parts.Length > 3 ? parts[3] : null));
                break;
            case ["RECEIVED", var n]:
                Interlocked.Exchange(ref child.Received, long.Parse(n, CultureInfo.InvariantCulture));
                break;
            case ["DONE"]:
                child.Done.TrySetResult();
                break;
            case [] when line is null:
                child.Ready.TrySetResult((0, 0, "the client process ended"));
                child.Done.TrySetResult();
                break;
        }
    }

    public async Task<(int Connected, int Failed, string? FirstError)> WaitReadyAsync(TimeSpan timeout)
    {
        var results = await Task.WhenAll(_children.Select(c => c.Ready.Task)).WaitAsync(timeout);
        return (results.Sum(r => r.Connected), results.Sum(r => r.Failed), results.Select(r => r.Error).FirstOrDefault(e => e is not null));
    }

    public long Received => _children.Sum(c => Interlocked.Read(ref c.Received));

    /// <summary>CPU time and working set of the client processes together.</summary>
    public (TimeSpan Cpu, long WorkingSet) Usage()
    {
        var cpu = TimeSpan.Zero;
        long workingSet = 0;
        foreach (var child in _children.Where(c => !c.Process.HasExited))
        {
            child.Process.Refresh();
            cpu += child.Process.TotalProcessorTime;
            workingSet += child.Process.WorkingSet64;
        }
        return (cpu, workingSet);
    }

    /// <summary>Stops the clients and reads what each saw.</summary>
    public async Task<List<ClientRecord>> StopAsync(TimeSpan timeout)
    {
        foreach (var child in _children)
        {
            await child.Process.StandardInput.WriteLineAsync("STOP");
            await child.Process.StandardInput.FlushAsync();
        }
        await Task.WhenAll(_children.Select(c => c.Done.Task)).WaitAsync(timeout);
        var records = new List<ClientRecord>();
        foreach (var child in _children.Where(c => File.Exists(c.Output)))
        {
            await using var file = File.OpenRead(child.Output);
            using var reader = new BinaryReader(file);
            for (var n = reader.ReadInt32(); n > 0; n--)
            {
                records.Add(ClientRecord.ReadFrom(reader));
            }
        }
        return records;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
        {
            if (!child.Process.HasExited)
            {
                child.Process.Kill(entireProcessTree: true);
                await child.Process.WaitForExitAsync();
            }
            child.Process.Dispose();
        }
    }

    /// <summary>The child: <c>hub-clients --kind raw|signalr --url U --key K --node CODE --count N --batch B --out FILE</c>.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        string Arg(string name) => args[Array.IndexOf(args, name) + 1];
        var address = new Uri(Arg("--url"));
        var count = int.Parse(Arg("--count"), CultureInfo.InvariantCulture);
        var batch = int.Parse(Arg("--batch"), CultureInfo.InvariantCulture);
        var kind = HubLoadClient.ParseKind(Arg("--kind")) ?? throw new ArgumentException("--kind is raw or signalr");
        var (clients, failed, firstError) = await HubLoadClient.ConnectAsync(
            kind, count, batch, address, Arg("--key"), Arg("--node"), TimeSpan.MaxValue);
        Console.WriteLine($"READY {clients.Count} {failed}{(firstError is null ? "" : " " + firstError.ReplaceLineEndings(" "))}");

        var stop = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync() is { } line && line != "STOP")
            {
            }
        });
        while (!stop.IsCompleted)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RECEIVED {clients.Sum(c => (long)c.CreatedChanges)}"));
            await Task.WhenAny(stop, Task.Delay(250));
        }

        await using (var file = File.Create(Arg("--out")))
        await using (var writer = new BinaryWriter(file))
        {
            writer.Write(clients.Count);
            foreach (var client in clients)
            {
                client.Record.WriteTo(writer);
            }
        }
        Console.WriteLine("DONE");
        await HubLoadClient.DisposeAllAsync(clients);
        return 0;
    }
}
