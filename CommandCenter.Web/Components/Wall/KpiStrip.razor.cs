using System.Globalization;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Components.Wall;

/// <summary>
/// Today's KPIs of a node. 结案率 = closed today / due and 按期结案率 = closed on time today / due, where due = closed today
/// + open overdue (domain §7: handled + overdue-unhandled); 响应/回复/解决率 are the SLA clocks' compliance; 满意率 today;
/// 网格内解决率 = closed at grid tier today / closed today.
/// </summary>
public partial class KpiStrip
{
    [Parameter, EditorRequired]
    public NodeMetrics Metrics { get; set; } = default!;

    [Parameter, EditorRequired]
    public NodeBreakdown Breakdown { get; set; } = default!;

    /// <summary>One tile: <see cref="Raw"/> is the invariant number behind the text (data-value).</summary>
    public sealed record Kpi(string Name, string Label, string Text, string? Unit, string Raw, string Tone);

    private IEnumerable<Kpi> Kpis
    {
        get
        {
            var due = Metrics.Today.Closed + Metrics.Overdue;
            yield return Count("received", W["Kpi.Received"], Metrics.Today.Received);
            yield return Count("closed", W["Kpi.Closed"], Metrics.Today.Closed);
            yield return Rate("closure-rate", W["Kpi.ClosureRate"], WallFormat.Rate(Metrics.Today.Closed, due));
            yield return Rate("on-time-rate", W["Kpi.OnTimeRate"], WallFormat.Rate(Breakdown.ClosedOnTimeToday, due));
            yield return Rate("respond-rate", W["Kpi.RespondRate"], Metrics.Sla.Respond.Rate);
            yield return Rate("reply-rate", W["Kpi.ReplyRate"], Metrics.Sla.Reply.Rate);
            yield return Rate("resolve-rate", W["Kpi.ResolveRate"], Metrics.Sla.Resolve.Rate);
            yield return Rate("satisfaction", W["Kpi.Satisfaction"], Metrics.SatisfactionToday.Rate);
            yield return Rate("in-grid-rate", W["Kpi.InGridRate"], WallFormat.Rate(Breakdown.ClosedAtGridToday, Metrics.Today.Closed));
            yield return Count("overdue", W["Kpi.Overdue"], Metrics.Overdue, Metrics.Overdue > 0 ? "wall-warn" : string.Empty);
            yield return Count("open-sos", W["Kpi.OpenSos"], Metrics.OpenSos, Metrics.OpenSos > 0 ? "wall-alarm" : string.Empty);
            yield return Count("patrols", W["Kpi.Patrols"], Metrics.PatrolsActive);
        }
    }

    private static Kpi Count(string name, string label, int value, string tone = "") =>
        new(name, label, WallFormat.Count(value), null, value.ToString(CultureInfo.InvariantCulture), tone);

    private static Kpi Rate(string name, string label, double? rate) =>
        new(name, label, WallFormat.Percent(rate), rate is null ? null : "%",
            rate is { } r ? r.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty,
            rate is { } low && low < 0.8 ? "wall-warn" : string.Empty);
}
