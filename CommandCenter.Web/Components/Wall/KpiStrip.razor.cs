using System.Globalization;
using CommandCenter.Data.Measures;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Components.Wall;

/// <summary>
/// Today's KPIs of a node: the counts, and the indicators as <see cref="KpiCalculator"/> computes them from the one
/// definition of the measures (<see cref="IncidentMeasures"/>), so the wall and the analytics page show one number
/// for one indicator. Each rate's formula is its tile's tooltip (SharedResource "Formula.*").
/// </summary>
public partial class KpiStrip
{
    [Parameter, EditorRequired]
    public NodeMetrics Metrics { get; set; } = default!;

    /// <summary>One tile: <see cref="Raw"/> is the invariant number behind the text (data-value); <see cref="Formula"/> its hover text.</summary>
    public sealed record Kpi(string Name, string Label, string Text, string? Unit, string Raw, string Tone, string? Formula);

    private IEnumerable<Kpi> Kpis
    {
        get
        {
            var k = Metrics.Kpis;
            yield return Count("received", Text["Kpi.Received"], Metrics.Today.Received);
            yield return Count("closed", Text["Kpi.Closed"], Metrics.Today.Closed);
            yield return Rate("closure-rate", Text["Kpi.ClosureRate"], k.ClosureRate, "ClosureRate");
            yield return Rate("on-time-rate", Text["Kpi.OnTimeRate"], k.OnTimeClosureRate, "OnTimeClosureRate");
            yield return Rate("respond-rate", Text["Kpi.RespondRate"], k.RespondRate, "RespondRate");
            yield return Rate("reply-rate", Text["Kpi.ReplyRate"], k.ReplyRate, "ReplyRate");
            yield return Rate("resolve-rate", Text["Kpi.ResolveRate"], k.ResolveRate, "ResolveRate");
            yield return Rate("satisfaction", Text["Kpi.Satisfaction"], k.Satisfaction, "Satisfaction");
            yield return Rate("in-grid-rate", Text["Kpi.InGridRate"], k.GridResolutionRate, "GridResolutionRate");
            yield return Count("overdue", Text["Kpi.Overdue"], Metrics.Overdue, Metrics.Overdue > 0 ? "wall-warn" : string.Empty);
            yield return Count("open-sos", Text["Kpi.OpenSos"], Metrics.OpenSos, Metrics.OpenSos > 0 ? "wall-alarm" : string.Empty);
            yield return Count("patrols", Text["Kpi.Patrols"], Metrics.PatrolsActive);
        }
    }

    private static Kpi Count(string name, string label, int value, string tone = "") =>
        new(name, label, WallFormat.Count(value), null, value.ToString(CultureInfo.InvariantCulture), tone, null);

    private Kpi Rate(string name, string label, double? rate, string indicator) =>
        new(name, label, WallFormat.Percent(rate), rate is null ? null : "%",
            rate is { } r ? r.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty,
            rate is { } low && low < 0.8 ? "wall-warn" : string.Empty, L[$"Formula.{indicator}"]);
}
