using System.Diagnostics;
using System.Text.Json.Nodes;
using CommandCenter.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommandCenter.Web.Tests.Live;

/// <summary>The app on Kestrel at 127.0.0.1:0 (the JavaScript client needs a real socket).</summary>
public sealed class KestrelLiveFactory : LiveApiFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        await base.InitializeAsync();
    }

    public HttpClient KestrelApiClient(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation(Web.Authentication.AuthenticationSchemeNames.ApiKeyHeader, key);
        return client;
    }
}

/// <summary>
/// The real JavaScript client (npm @microsoft/signalr 10.0.11 on Node, WebSockets) against the app on Kestrel:
/// joins a street, receives the snapshot, then deltas in sequence as incidents are reported through the API.
/// Runs `npm ci` in Live/js when node_modules is missing.
/// </summary>
public sealed class LiveJsClientTests(KestrelLiveFactory factory, ITestOutputHelper output) : IClassFixture<KestrelLiveFactory>
{
    [Fact]
    public async Task The_javascript_client_receives_the_snapshot_and_ordered_deltas()
    {
        var folder = ScriptFolder();
        if (!File.Exists(Path.Combine(folder, "node_modules", ".package-lock.json")))
        {
            var (code, text) = await RunAsync("npm", "ci --no-audit --no-fund", folder, TimeSpan.FromMinutes(3));
            Assert.True(code == 0, $"npm ci failed: {text}");
        }

        using var node = Process.Start(new ProcessStartInfo("node")
        {
            ArgumentList = { "live-client.mjs", factory.BaseAddress.ToString(), factory.District.Key, ApiDistrict.Street1Code, "50", "30000" },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LIVE_CLIENT_DEBUG"] = "1" }, // every delta as received, before the sequence rule (shown in the test output)
        })!;
        node.ErrorDataReceived += (_, e) => Console.WriteLine("node stderr: " + e.Data);
        node.BeginErrorReadLine();
        try
        {
            var snapshot = await ReadLineAsync(node);
            Assert.True(snapshot["type"]!.GetValue<string>() == "snapshot", snapshot.ToJsonString());
            Assert.Equal(ApiDistrict.Street1Code, snapshot["node"]!.GetValue<string>());
            var sequence = snapshot["sequence"]!.GetValue<long>();
            var received = snapshot["received"]!.GetValue<int>();

            using var api = factory.KestrelApiClient(factory.District.Key);
            var last = sequence;
            for (var i = 1; i <= 2; i++)
            {
                await ApiCalls.CreateIncidentAsync(api, ApiCalls.Incident(gridCode: ApiDistrict.Grid1Code));
                // Another delta may come first (a minutely re-sync that changed a number): every delta must still
                // follow the previous one, and the count must reach one more per incident.
                JsonNode delta;
                do
                {
                    delta = await ReadLineAsync(node);
                    output.WriteLine(delta.ToJsonString());
                    Assert.True(delta["type"]!.GetValue<string>() == "delta", delta.ToJsonString() + string.Empty);
                    Assert.Equal(++last, delta["sequence"]!.GetValue<long>());
                }
                while (delta["received"]!.GetValue<int>() < received + i);
                Assert.Equal(received + i, delta["received"]!.GetValue<int>());
            }
            Assert.False(node.HasExited, "The client is still connected (it exits on an error or a timeout).");
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<JsonNode> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("The client ended: " + await process.StandardError.ReadToEndAsync());
            if (!line.StartsWith('{'))
            {
                Console.WriteLine("node: " + line);
                continue;
            }
            var json = JsonNode.Parse(line)!;
            if (json["type"]!.GetValue<string>() != "raw")
            {
                return json;
            }
            Console.WriteLine(line);
        }
    }

    private static string ScriptFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Live", "js");
            if (File.Exists(Path.Combine(candidate, "live-client.mjs")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("Live/js/live-client.mjs not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string arguments, string folder, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        using var cancel = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
