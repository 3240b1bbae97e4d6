using CommandCenter.Data.Incidents;

namespace CommandCenter.Web.Components.Console;

/// <summary>The detail page's keyboard shortcuts: one letter per action (ignored while typing in a field).</summary>
public static class Shortcuts
{
    private static readonly Dictionary<IncidentAction, string> Keys = new()
    {
        [IncidentAction.File] = "f",
        [IncidentAction.Accept] = "a",
        [IncidentAction.Dispatch] = "d",
        [IncidentAction.Escalate] = "e",
        [IncidentAction.Reply] = "p",
        [IncidentAction.Feedback] = "h",
        [IncidentAction.Close] = "c",
        [IncidentAction.Rework] = "w",
        [IncidentAction.Extend] = "x",
        [IncidentAction.Reject] = "r",
        [IncidentAction.CallBack] = "b",
        [IncidentAction.Rate] = "s",
    };

    /// <summary>Back to the queue.</summary>
    public const string Queue = "q";

    /// <summary>Cancels the open action form.</summary>
    public const string Cancel = "Escape";

    public static string KeyOf(IncidentAction action) => Keys.GetValueOrDefault(action, string.Empty).ToUpperInvariant();

    public static IncidentAction? ActionOf(string key) =>
        Keys.Where(p => string.Equals(p.Value, key, StringComparison.OrdinalIgnoreCase)).Select(p => (IncidentAction?)p.Key).FirstOrDefault();

    /// <summary>The order the buttons appear in: the forward path first, then the side steps.</summary>
    public static readonly IncidentAction[] Order =
    [
        IncidentAction.File, IncidentAction.Accept, IncidentAction.Dispatch, IncidentAction.Feedback, IncidentAction.Close,
        IncidentAction.CallBack, IncidentAction.Rate, IncidentAction.Reply, IncidentAction.Escalate, IncidentAction.Extend,
        IncidentAction.Rework, IncidentAction.Reject,
    ];
}
