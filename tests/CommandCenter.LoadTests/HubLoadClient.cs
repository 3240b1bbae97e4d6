namespace CommandCenter.LoadTests;

/// <summary>Which client the load tool connects: <c>raw</c> (<see cref="RawHubClient"/>, the default) or <c>signalr</c> (<see cref="SignalRHubClient"/>).</summary>
internal enum HubClientKind
{
    Raw,
    SignalR,
}

/// <summary>One hub client of the load tool, joined to a node, keeping what it saw in a <see cref="ClientRecord"/>.</summary>
internal interface IHubLoadClient : IAsyncDisposable
{
    ClientRecord Record { get; }

    /// <summary>Created-incident changes received so far (read while the run goes on).</summary>
    int CreatedChanges { get; }

    /// <summary>Connects and joins; null on success, else the error.</summary>
    Task<string?> ConnectAsync(string nodeCode, TimeSpan timeout);
}

internal static class HubLoadClient
{
    public static string Name(HubClientKind kind) => kind == HubClientKind.Raw ? "raw" : "signalr";

    public static HubClientKind? ParseKind(string text) => text switch
    {
        "raw" => HubClientKind.Raw,
        "signalr" => HubClientKind.SignalR,
        _ => null,
    };

    public static string Describe(HubClientKind kind) => kind == HubClientKind.Raw
        ? "raw (ClientWebSocket + hand-read JSON hub protocol)"
        : "signalr (Microsoft.AspNetCore.SignalR.Client)";

    public static IHubLoadClient Create(HubClientKind kind, Uri address, string key) => kind == HubClientKind.Raw
        ? new RawHubClient(address, key)
        : new SignalRHubClient(address, key);

    /// <summary>Connects <paramref name="count"/> clients, <paramref name="batch"/> at a time, until the deadline; the failed ones are disposed.</summary>
    public static async Task<(List<IHubLoadClient> Clients, int Failed, string? FirstError)> ConnectAsync(
        HubClientKind kind, int count, int batch, Uri address, string key, string nodeCode, TimeSpan deadline)
    {
        var clients = new List<IHubLoadClient>(count);
        var failed = 0;
        string? firstError = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var start = 0; start < count && clock.Elapsed < deadline; start += batch)
        {
            var next = Enumerable.Range(start, Math.Min(batch, count - start)).Select(_ => Create(kind, address, key)).ToList();
            var results = await Task.WhenAll(next.Select(c => c.ConnectAsync(nodeCode, TimeSpan.FromSeconds(30))));
            for (var i = 0; i < next.Count; i++)
            {
                if (results[i] is null)
                {
                    clients.Add(next[i]);
                }
                else
                {
                    failed++;
                    firstError ??= results[i];
                    await next[i].DisposeAsync();
                }
            }
        }
        return (clients, failed, firstError);
    }

    /// <summary>Closes the clients, 200 at a time; false when some did not close within 30 s.</summary>
    public static async Task<bool> DisposeAllAsync(IEnumerable<IHubLoadClient> clients)
    {
        var closed = true;
        foreach (var chunk in clients.Chunk(200))
        {
            try
            {
                await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                closed = false;
            }
        }
        return closed;
    }
}
