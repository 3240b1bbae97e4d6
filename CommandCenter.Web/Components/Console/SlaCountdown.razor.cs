using System.Globalization;
using CommandCenter.Data;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// An SLA countdown: green while more than a third of the clock is left, amber in the last third, red once overdue,
/// grey once met (red-struck if met late). The parent passes <see cref="Now"/> and re-renders it every second.
/// </summary>
public partial class SlaCountdown
{
    [Parameter, EditorRequired]
    public DateTime StartAt { get; set; }

    [Parameter, EditorRequired]
    public DateTime DueAt { get; set; }

    /// <summary>When the clock was met; null while it runs.</summary>
    [Parameter]
    public DateTime? MetAt { get; set; }

    [Parameter, EditorRequired]
    public DateTime Now { get; set; }

    /// <summary>For an incident that is no longer open: the clock stopped.</summary>
    [Parameter]
    public bool Stopped { get; set; }

    public string State => MetAt is { } met
        ? (met > DueAt ? "cc-sla-late" : "cc-sla-met")
        : Stopped ? "cc-sla-met"
        : Now > DueAt ? "cc-sla-over"
        : (DueAt - Now) * 3 < (DueAt - StartAt) ? "cc-sla-warn" : "cc-sla-ok";

    private string Text => MetAt is { } met
        ? "✓ " + Format(met - StartAt)
        : Stopped ? "—"
        : Now > DueAt ? "−" + Format(Now - DueAt) : Format(DueAt - Now);

    private string Title => string.Create(CultureInfo.InvariantCulture, $"{ChinaDay.Local(DueAt):MM-dd HH:mm}");

    /// <summary>h:mm:ss under a day, then d h.</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = span.Negate();
        }
        return span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d{span.Hours:00}h")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}");
    }
}
