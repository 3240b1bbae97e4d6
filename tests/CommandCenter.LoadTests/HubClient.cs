using System.Diagnostics;
using CommandCenter.Data.Live;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.LoadTests;

/// <summary>
/// What a load client reads of a <see cref="LiveDelta"/>: the sequence, the flags and each change's kind and id. The
/// node's numbers are skipped by the JSON reader (as a thin client would), so that the 1,000s of clients sharing the
/// server's two cores spend less of them decoding.
/// </summary>
internal sealed record CheckedDelta(long Sequence, int ChangesDropped, bool Resynced, IReadOnlyList<CheckedChange> Changes);

internal sealed record CheckedChange(ChangeKind Kind, long EntityId);

/// <summary>One SignalR client joined to a node: stamps each delta's arrival and keeps its sequence numbers in a <see cref="ClientRecord"/>.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private int _createdChanges;

    public HubClient(Uri address, string key)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(address, LiveHub.Path), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.Headers[AuthenticationSchemeNames.ApiKeyHeader] = key;
            })
            .Build();
        _connection.On<CheckedDelta>(nameof(ILiveClient.Delta), OnDelta);
    }

    public ClientRecord Record { get; } = new();

    public int CreatedChanges => Volatile.Read(ref _createdChanges);

    /// <summary>Connects and joins; null on success, else the error.</summary>
    public async Task<string?> ConnectAsync(string nodeCode, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _connection.StartAsync(cts.Token);
            var snapshot = await _connection.InvokeAsync<LiveNodeSnapshot>(nameof(LiveHub.JoinAsync), nodeCode, cts.Token);
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
                    Record.Received.Add((change.EntityId, now));
                    created++;
                }
            }
        }
        Interlocked.Add(ref _createdChanges, created);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>
/// What one client saw: its join snapshot's sequence, every delta's sequence, and the arrival (Stopwatch ticks, which
/// are CLOCK_MONOTONIC and so comparable across processes on one machine) of each created incident. Written to a file
/// by client processes and read back by the load tool.
/// </summary>
internal sealed class ClientRecord
{
    public long SnapshotSequence { get; set; } = -1;
    public List<long> Sequences { get; } = new(256);
    public List<(long Id, long At)> Received { get; } = new(1024);
    public int Dropped { get; set; }
    public int Resynced { get; set; }

    public void WriteTo(BinaryWriter writer)
    {
        lock (this)
        {
            writer.Write(SnapshotSequence);
            writer.Write(Dropped);
            writer.Write(Resynced);
            writer.Write(Sequences.Count);
            foreach (var sequence in Sequences)
            {
                writer.Write(sequence);
            }
            writer.Write(Received.Count);
            foreach (var (id, at) in Received)
            {
                writer.Write(id);
                writer.Write(at);
            }
        }
    }

    public static ClientRecord ReadFrom(BinaryReader reader)
    {
        var record = new ClientRecord { SnapshotSequence = reader.ReadInt64(), Dropped = reader.ReadInt32(), Resynced = reader.ReadInt32() };
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            record.Sequences.Add(reader.ReadInt64());
        }
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            record.Received.Add((reader.ReadInt64(), reader.ReadInt64()));
        }
        return record;
    }

    public void Analyse(Dictionary<long, (long Sent, long Arrived)> created, HubReport report)
    {
        lock (this)
        {
            // Deltas at or below the snapshot's sequence are covered by it (the group can send one between the
            // group join and the snapshot); after it, every sequence must follow the previous one.
            var last = SnapshotSequence;
            foreach (var sequence in Sequences)
            {
                if (sequence <= SnapshotSequence)
                {
                    continue;
                }
                if (sequence <= last)
                {
                    report.OutOfOrder++;
                    continue;
                }
                report.Gaps += sequence - last - 1;
                last = sequence;
            }
            report.Deltas += Sequences.Count;
            report.Dropped += Dropped;
            report.Resynced += Resynced;
            var seen = new HashSet<long>(Received.Count);
            foreach (var (id, at) in Received)
            {
                if (!created.TryGetValue(id, out var stamps))
                {
                    continue;
                }
                if (!seen.Add(id))
                {
                    report.Duplicates++;
                    continue;
                }
                report.Matched++;
                var fromResponse = (at - stamps.Arrived) * 1000.0 / Stopwatch.Frequency;
                if (fromResponse < 0)
                {
                    report.BeforeResponse++;
                }
                report.FromResponse.Add(fromResponse);
                report.FromSend.Add((at - stamps.Sent) * 1000.0 / Stopwatch.Frequency);
            }
        }
    }
}
