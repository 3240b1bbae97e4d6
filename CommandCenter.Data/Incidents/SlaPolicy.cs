using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Data.Incidents;

/// <summary>Lengths of the three SLA clocks in minutes.</summary>
public sealed class SlaClockMinutes
{
    [Range(1, 60 * 24 * 90)]
    public int Respond { get; set; }

    [Range(1, 60 * 24 * 90)]
    public int Reply { get; set; }

    [Range(1, 60 * 24 * 365)]
    public int Resolve { get; set; }
}

/// <summary>The "Sla" configuration section: 15 min / 30 min / 24 h by default, per priority, and tighter for SOS.</summary>
public sealed class SlaOptions
{
    public const string SectionName = "Sla";

    [Required]
    public SlaClockMinutes Default { get; set; } = new() { Respond = 15, Reply = 30, Resolve = 24 * 60 };

    /// <summary>Overrides by priority name (Low, Normal, High, Urgent).</summary>
    public Dictionary<IncidentPriority, SlaClockMinutes> ByPriority { get; set; } = new()
    {
        [IncidentPriority.Urgent] = new() { Respond = 10, Reply = 20, Resolve = 12 * 60 },
    };

    /// <summary>SOS alarms: someone must be on the way within minutes.</summary>
    [Required]
    public SlaClockMinutes Sos { get; set; } = new() { Respond = 5, Reply = 10, Resolve = 4 * 60 };
}

/// <summary>Computes an incident's deadlines. Precedence: SOS, then the category's own values, then the priority's, then the default.</summary>
public static class SlaPolicy
{
    public static (DateTime Respond, DateTime Reply, DateTime Resolve) Deadlines(
        SlaOptions options, IncidentCategory category, IncidentPriority priority, SourceChannel source, DateTime reportedAt)
    {
        var fallback = options.ByPriority.TryGetValue(priority, out var byPriority) ? byPriority : options.Default;
        int respond, reply, resolve;
        if (source == SourceChannel.Sos)
        {
            (respond, reply, resolve) = (options.Sos.Respond, options.Sos.Reply, options.Sos.Resolve);
        }
        else
        {
            respond = category.RespondMinutes ?? fallback.Respond;
            reply = category.ReplyMinutes ?? fallback.Reply;
            resolve = category.ResolveMinutes ?? fallback.Resolve;
        }
        return (reportedAt.AddMinutes(respond), reportedAt.AddMinutes(reply), reportedAt.AddMinutes(resolve));
    }

    /// <summary>Whether a clock was (or, still open, is now) past its deadline.</summary>
    public static bool IsBreached(DateTime? metAt, DateTime dueAt, DateTime now) => (metAt ?? now) > dueAt;
}
