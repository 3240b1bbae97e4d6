using System.Diagnostics;
using CommandCenter.Data.Live;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.LoadTests;

/// <summary>
/// What the SignalR load client reads of a <see cref="LiveDelta"/>: the sequence, the flags and each change's kind, id
/// and time. The node's numbers are skipped by the JSON reader (as a thin client would), so that the 1,000s of clients
/// sharing the server's two cores spend less of them decoding.
/// </summary>
internal sealed record CheckedDelta(long Sequence, int ChangesDropped, bool Resynced, IReadOnlyList<CheckedChange> Changes);

internal sealed record CheckedChange(ChangeKind Kind, long EntityId, DateTimeOffset At);

/// <summary>
/// One client of the SignalR .NET client library (<c>--client-kind signalr</c>) joined to a node: stamps each delta's
/// arrival and keeps its sequence numbers in a <see cref="ClientRecord"/>. Dearer per message than
/// <see cref="RawHubClient"/>; kept to compare the two.
/// </summary>
internal sealed class SignalRHubClient : IHubLoadClient
{
    private readonly HubConnection _connection;
    private int _createdChanges;
    private volatile bool _disposing;

    public SignalRHubClient(Uri address, string key)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(address, LiveHub.Path), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.Headers[AuthenticationSchemeNames.ApiKeyHeader] = key;
            })
            .Build();
        _connection.On<CheckedDelta>(nameof(ILiveClient.Delta), OnDelta);
        _connection.Closed += _ =>
        {
            if (!_disposing)
            {
                lock (Record)
                {
                    Record.Disconnected = true;
                }
            }
            return Task.CompletedTask;
        };
    }

    public ClientRecord Record { get; } = new();

    public int CreatedChanges => Volatile.Read(ref _createdChanges);

    public async Task<string?> ConnectAsync(string nodeCode, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _connection.StartAsync(cts.Token);
            var snapshot = await _connection.InvokeAsync<LiveNodeSnapshot>(nameof(LiveHub.Join), nodeCode, cts.Token);
            lock (Record)
            {
                Record.SnapshotSequence = snapshot.Sequence;
            }
            return null;
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private void OnDelta(CheckedDelta delta)
    {
        var now = Stopwatch.GetTimestamp();
        var created = 0;
        lock (Record)
        {
            Record.Sequences.Add(delta.Sequence);
            Record.Dropped += delta.ChangesDropped;
            Record.Resynced += delta.Resynced ? 1 : 0;
            foreach (var change in delta.Changes)
            {
                if (change.Kind == ChangeKind.IncidentCreated)
                {
                    Record.Received.Add((change.EntityId, now, change.At.UtcTicks));
                    created++;
                }
            }
        }
        Interlocked.Add(ref _createdChanges, created);
    }

    public ValueTask DisposeAsync()
    {
        _disposing = true;
        return _connection.DisposeAsync();
    }
}
