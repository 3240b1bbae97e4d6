using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.Places;
using CommandCenter.Data.Statistics;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Components.Home;

/// <summary>Presents <see cref="DistrictTotals"/>; every enum value is listed (zero included) with a localized label.</summary>
public partial class TotalsBoard
{
    [Parameter, EditorRequired]
    public DistrictTotals Totals { get; set; } = default!;

    private IEnumerable<BreakdownRow> PlaceRows =>
        Enum.GetValues<PlaceKind>().Select(k => new BreakdownRow(L[$"PlaceKind.{k}"], Totals.Places.PlacesByKind.GetValueOrDefault(k)));

    /// <summary>大类 names are data (seeded in Chinese), shown as stored.</summary>
    private IEnumerable<BreakdownRow> ComponentMajorRows =>
        Totals.Components.ByMajor.Select(m => new BreakdownRow(m.MajorName, m.Count));

    private IEnumerable<BreakdownRow> ComponentStateRows =>
        Enum.GetValues<ComponentState>().Select(s => new BreakdownRow(L[$"ComponentState.{s}"], Totals.Components.ByState.GetValueOrDefault(s)));

    private IEnumerable<BreakdownRow> OrganizationRows =>
        Enum.GetValues<OrganizationKind>().Select(k => new BreakdownRow(L[$"OrganizationKind.{k}"], Totals.Organizations.ByKind.GetValueOrDefault(k)));

    private IEnumerable<BreakdownRow> PartyTierRows =>
        Enum.GetValues<PartyTier>().Select(t => new BreakdownRow(L[$"PartyTier.{t}"], Totals.Organizations.PartyByTier.GetValueOrDefault(t)));
}

public sealed record BreakdownRow(string Label, long Count);
