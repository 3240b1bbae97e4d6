using System.Diagnostics;

namespace CommandCenter.LoadTests;

/// <summary>
/// What one client saw: its join snapshot's sequence, every delta's sequence, and for each created incident its id, its
/// arrival (Stopwatch ticks, which are CLOCK_MONOTONIC and so comparable across processes on one machine) and the
/// change's <c>at</c> (UTC ticks: the server's time of the change, stamped after the commit). The record also keeps its
/// process's <see cref="ReceiveClock"/> anchor so that an arrival converts to wall-clock UTC for the "from commit"
/// latency. Written to a file by client processes and read back by the load tool.
/// </summary>
internal sealed class ClientRecord
{
    public long SnapshotSequence { get; set; } = -1;
    public List<long> Sequences { get; } = new(256);
    public List<(long Id, long At, long CommitUtcTicks)> Received { get; } = new(1024);
    public int Dropped { get; set; }
    public int Resynced { get; set; }

    /// <summary>The connection ended before the run stopped (a close message, a close frame or a socket error).</summary>
    public bool Disconnected { get; set; }

    public long AnchorTimestamp { get; private init; } = ReceiveClock.AnchorTimestamp;
    public long AnchorUtcTicks { get; private init; } = ReceiveClock.AnchorUtcTicks;

    /// <summary>An arrival (Stopwatch ticks of this record's process) as UTC ticks.</summary>
    public long ToUtcTicks(long timestamp) =>
        AnchorUtcTicks + (long)((timestamp - AnchorTimestamp) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));

    public void WriteTo(BinaryWriter writer)
    {
        lock (this)
        {
            writer.Write(AnchorTimestamp);
            writer.Write(AnchorUtcTicks);
            writer.Write(SnapshotSequence);
            writer.Write(Dropped);
            writer.Write(Resynced);
            writer.Write(Disconnected);
            writer.Write(Sequences.Count);
            foreach (var sequence in Sequences)
            {
                writer.Write(sequence);
            }
            writer.Write(Received.Count);
            foreach (var (id, at, commit) in Received)
            {
                writer.Write(id);
                writer.Write(at);
                writer.Write(commit);
            }
        }
    }

    public static ClientRecord ReadFrom(BinaryReader reader)
    {
        var record = new ClientRecord
        {
            AnchorTimestamp = reader.ReadInt64(),
            AnchorUtcTicks = reader.ReadInt64(),
            SnapshotSequence = reader.ReadInt64(),
            Dropped = reader.ReadInt32(),
            Resynced = reader.ReadInt32(),
            Disconnected = reader.ReadBoolean(),
        };
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            record.Sequences.Add(reader.ReadInt64());
        }
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            record.Received.Add((reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64()));
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
            report.Disconnected += Disconnected ? 1 : 0;
            var seen = new HashSet<long>(Received.Count);
            foreach (var (id, at, commit) in Received)
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
                report.FromCommit.Add((ToUtcTicks(at) - commit) / (double)TimeSpan.TicksPerMillisecond);
                report.FromResponse.Add(fromResponse);
                report.FromSend.Add((at - stamps.Sent) * 1000.0 / Stopwatch.Frequency);
            }
        }
    }
}

/// <summary>
/// One (Stopwatch timestamp, UTC) pair per process, taken once: a client stamps arrivals with the cheap monotonic
/// Stopwatch and converts to wall-clock UTC through this anchor, to compare with the server's UTC <c>at</c> (the app and
/// the clients run on one machine, so they read one clock).
/// </summary>
internal static class ReceiveClock
{
    private static readonly (long Timestamp, long UtcTicks) Anchor = Take();

    public static long AnchorTimestamp => Anchor.Timestamp;
    public static long AnchorUtcTicks => Anchor.UtcTicks;

    /// <summary>The UTC read bracketed by two timestamps, paired with their middle.</summary>
    private static (long Timestamp, long UtcTicks) Take()
    {
        var before = Stopwatch.GetTimestamp();
        var utc = DateTime.UtcNow.Ticks;
        var after = Stopwatch.GetTimestamp();
        return (before + (after - before) / 2, utc);
    }
}
