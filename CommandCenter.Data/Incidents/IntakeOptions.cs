using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Data.Incidents;

/// <summary>The "Intake" configuration section: how reports are grouped into transactions.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>
    /// Under concurrent load (the previous group held more than one report), the writer waits this long after the first
    /// report of a group for others before it commits, so they share one transaction. A transaction costs about four
    /// times a report's own share, so at 200 reports/s a 20 ms window cuts intake CPU by about half; a report waits at
    /// most this much longer for its answer. Reports that come one at a time never wait. Zero turns the wait off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan GroupWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Reports waiting for the database on this node at most; beyond, a report is refused at once with 503 and
    /// Retry-After (nothing is acknowledged that is not committed, so a refused report is simply sent again).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxQueued { get; set; } = 2000;
}
