using CommandCenter.Data.Live;
namespace CommandCenter.Web.Live;

/// <summary>What a client does with an incoming delta.</summary>
public enum LiveSequenceDecision
{
    /// <summary>The next in order: apply it.</summary>
    Apply = 0,
    /// <summary>Already covered by the snapshot or an earlier delta, or no snapshot yet (one is on its way): drop it.</summary>
    Ignore = 1,
    /// <summary>One or more were missed: call GetSnapshot and start again from its sequence.</summary>
    Resync = 2,
}

/// <summary>
/// The client-side rule for one node's stream (shipped for .NET clients; the JavaScript rule is the same):
/// take the snapshot's sequence, apply deltas with sequence = last + 1, drop older ones, re-sync on a gap or reconnect.
/// Not thread-safe: use one per node from the connection's callback.
/// </summary>
public sealed class LiveSequenceTracker
{
    /// <summary>The sequence of the last snapshot or applied delta; null until a snapshot arrives or after a gap.</summary>
    public long? Last { get; private set; }

    public void OnSnapshot(long sequence) => Last = sequence;

    /// <summary>After a reconnect the group membership is gone: join again and take a new snapshot.</summary>
    public void Reset() => Last = null;

    public LiveSequenceDecision OnDelta(long sequence)
    {
        if (Last is not { } last)
        {
            return LiveSequenceDecision.Ignore;
        }
        if (sequence <= last)
        {
            return LiveSequenceDecision.Ignore;
        }
        if (sequence == last + 1)
        {
            Last = sequence;
            return LiveSequenceDecision.Apply;
        }
        Last = null;
        return LiveSequenceDecision.Resync;
    }
}
