using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Data.Live;

/// <summary>The "Live" configuration section: live metrics and their fan-out.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>How many of the newest incidents the wall's feed holds.</summary>
    [Range(1, 500)]
    public int NewestCount { get; set; } = 50;

    /// <summary>At most one update per subscriber (component or hub group) per interval; 250 ms = 4 per second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan CoalesceInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often the hub sends each joined group one delta (when something changed). Shorter than
    /// <see cref="CoalesceInterval"/>: outside clients measure latency from the commit, and a group message is
    /// serialised once for all its members, so 10 per second cost little.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan HubInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many nodes one hub connection may join.</summary>
    [Range(1, 1000)]
    public int MaxJoinsPerConnection { get; set; } = 32;

    /// <summary>How many change notices one delta carries at most (the numbers are always complete).</summary>
    [Range(0, 1000)]
    public int MaxChangesPerDelta { get; set; } = 50;
}
