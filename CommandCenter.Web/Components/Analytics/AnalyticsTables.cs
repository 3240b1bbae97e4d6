using CommandCenter.Data.Measures;
using System.Globalization;
using CommandCenter.Data.Analytics;
using CommandCenter.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Web.Components.Analytics;

/// <summary>A share shown as a percentage (one decimal); null when its denominator was 0.</summary>
public readonly record struct Percent(double? Value)
{
    public double? Points => Value is { } v ? Math.Round(v * 100, 1) : null;

    public override string ToString() => Points is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}

/// <summary>One row of a table; <see cref="NodeCode"/> makes its first cell a drill-down link.</summary>
public sealed record AnalyticsRow(string? NodeCode, IReadOnlyList<object?> Cells);

/// <summary>A table as the page shows it and the exports write it.</summary>
public sealed record AnalyticsTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<AnalyticsRow> Rows, bool Ranked = false);

/// <summary>
/// The tables of a tab, built once from a report so the page and the CSV/XLSX exports show the same columns and rows.
/// Residents arrive already masked (<see cref="MaskedResident"/>).
/// </summary>
public sealed class AnalyticsTables(IStringLocalizer<AnalyticsResource> l)
{
    /// <summary>How many best and worst handling units a long list shows.</summary>
    public const int UnitsShown = 10;

    private string M(string metric) => l["Metric." + metric];

    /// <summary>Localized cells become plain strings, so pages and exports see text.</summary>
    private static IReadOnlyList<AnalyticsTable> Plain(IEnumerable<AnalyticsTable> tables) =>
        [.. tables.Select(t => t with { Rows = [.. t.Rows.Select(r => r with { Cells = [.. r.Cells.Select(c => c is LocalizedString ls ? ls.Value : c)] })] })];

    public IReadOnlyList<AnalyticsTable> ForArea(AreaReport r, string tab) => Plain(AreaTables(r, tab));

    private List<AnalyticsTable> AreaTables(AreaReport r, string tab)
    {
        var tables = new List<AnalyticsTable> { Summary(r, tab) };
        if (r.Node.Level == Data.Hierarchy.HierarchyLevel.Grid)
        {
            tables.Add(Buildings(r));
        }
        else
        {
            tables.Add(Ranking(r, tab));
        }
        if (tab == AnalyticsTabs.Events)
        {
            tables.Add(new AnalyticsTable("categories", string.Format(CultureInfo.CurrentCulture, l["Section.TopCategories"], r.TopCategories.Count),
                [l["Column.Rank"], l["Column.Code"], l["Category"], M("Received"), M("Closed")],
                [.. r.TopCategories.Select((c, i) => new AnalyticsRow(null, [i + 1, c.Code, c.Name, c.Received, c.Closed]))]));
            // Ranked by composite score; a long list shows its best and worst ten (the red and black lists).
            var units = r.HandlingUnits.Select((u, i) => new AnalyticsRow(null, [i + 1, u.Name, u.Tier is { } t ? l["Tier." + t] : "", u.Counts.Dispatched, u.Counts.Due, u.Counts.Closed, u.Counts.ClosedOnTime,
                new Percent(u.Kpis.ClosureRate), new Percent(u.Kpis.OnTimeClosureRate), new Percent(u.Kpis.ReworkRate), u.Kpis.Composite])).ToList();
            tables.Add(new AnalyticsTable("units", l["Section.HandlingUnits"],
                [l["Column.Rank"], l["Unit"], l["Unit.Tier"], M("Dispatched"), M("Due"), M("Closed"), M("ClosedOnTime"), M("ClosureRate"), M("OnTimeClosureRate"), M("ReworkRate"), M("Composite")],
                units.Count > 2 * UnitsShown ? [.. units.Take(UnitsShown), .. units.TakeLast(UnitsShown)] : units, Ranked: true));
            tables.Add(new AnalyticsTable("tiers", l["Section.Tiers"], [l["Unit.Tier"], M("Closed"), l["Export.Value"]], [.. Tiers(r.Counts)]));
            tables.Add(HeatMap(r));
        }
        if (tab == AnalyticsTabs.Sentiment)
        {
            tables.Add(new AnalyticsTable("ratings", l["Section.Ratings"], [l["Section.Ratings"], l["Export.Value"], l["Export.Previous"]],
            [
                new(null, [l["Rating.VerySatisfied"], r.Counts.RatedVerySatisfied, r.PreviousCounts.RatedVerySatisfied]),
                new(null, [l["Rating.Satisfied"], r.Counts.RatedSatisfied, r.PreviousCounts.RatedSatisfied]),
                new(null, [l["Rating.Neutral"], r.Counts.RatedNeutral, r.PreviousCounts.RatedNeutral]),
                new(null, [l["Rating.Dissatisfied"], r.Counts.RatedDissatisfied, r.PreviousCounts.RatedDissatisfied]),
                new(null, [l["Rating.VeryDissatisfied"], r.Counts.RatedVeryDissatisfied, r.PreviousCounts.RatedVeryDissatisfied]),
            ]));
            tables.Add(new AnalyticsTable("sources", l["Section.Sources"], [l["Section.Sources"], M("Received")],
                [.. r.Sources.Select(s => new AnalyticsRow(null, [l["Source." + s.Source], s.Received]))]));
        }
        return tables;
    }

    private IEnumerable<AnalyticsRow> Tiers(RollupCounts c)
    {
        (string Tier, int Count)[] tiers =
        [
            ("Grid", c.ClosedAtGrid), ("Community", c.ClosedAtCommunity), ("Street", c.ClosedAtStreet), ("Department", c.ClosedAtDepartment), ("District", c.ClosedAtDistrict),
        ];
        return tiers.Select(t => new AnalyticsRow(null, [l["Tier." + t.Tier], t.Count, new Percent(KpiCalculator.Share(t.Count, c.ClosedAtTiers))]));
    }

    private AnalyticsTable HeatMap(AreaReport r)
    {
        var columns = new List<string> { l["Export.Hour"] };
        columns.AddRange(Enumerable.Range(0, 7).Select(d => (string)l["Weekday." + d]));
        var rows = Enumerable.Range(0, 24).Select(h => new AnalyticsRow(null, [h.ToString("00", CultureInfo.InvariantCulture) + ":00", .. Enumerable.Range(0, 7).Select(d => (object?)r.HeatMap[d, h])]));
        return new AnalyticsTable("heatmap", l["Section.HeatMap"], columns, [.. rows]);
    }

    /// <summary>The tab's indicators for the node: this period and the previous one (base data: as of the snapshot).</summary>
    private AnalyticsTable Summary(AreaReport r, string tab)
    {
        var rows = new List<AnalyticsRow>();
        void Count(string metric, int now, int before) => rows.Add(new(null, [M(metric), now, before]));
        void Rate(string metric, double? now, double? before) => rows.Add(new(null, [M(metric), new Percent(now), new Percent(before)]));
        void Base(string metric, Func<NodeSnapshot, int> value) => rows.Add(new(null, [M(metric), r.Snapshot is { } s ? value(s) : null, null]));
        var (c, p, k, pk) = (r.Counts, r.PreviousCounts, r.Kpis, r.PreviousKpis);
        switch (tab)
        {
            case AnalyticsTabs.Events:
                Count("Received", c.Received, p.Received); Count("Filed", c.Filed, p.Filed); Count("Dispatched", c.Dispatched, p.Dispatched);
                Count("Due", c.Due, p.Due); Count("Closed", c.Closed, p.Closed); Count("ClosedOnTime", c.ClosedOnTime, p.ClosedOnTime);
                Count("Reworked", c.Reworked, p.Reworked); Count("Extended", c.Extended, p.Extended);
                Rate("FilingRate", k.FilingRate, pk.FilingRate); Rate("DispatchRate", k.DispatchRate, pk.DispatchRate);
                Rate("ClosureRate", k.ClosureRate, pk.ClosureRate); Rate("OnTimeClosureRate", k.OnTimeClosureRate, pk.OnTimeClosureRate);
                Rate("ReworkRate", k.ReworkRate, pk.ReworkRate); Rate("ExtensionRate", k.ExtensionRate, pk.ExtensionRate);
                Rate("RespondRate", k.RespondRate, pk.RespondRate); Rate("ReplyRate", k.ReplyRate, pk.ReplyRate); Rate("ResolveRate", k.ResolveRate, pk.ResolveRate);
                Rate("GridResolutionRate", k.GridResolutionRate, pk.GridResolutionRate); Rate("CommunityResolutionRate", k.CommunityResolutionRate, pk.CommunityResolutionRate);
                Rate("PatrolCoverage", k.PatrolCoverage, pk.PatrolCoverage); Count("CheckIns", c.CheckIns, p.CheckIns);
                rows.Add(new(null, [M("Composite"), k.Composite, pk.Composite]));
                break;
            case AnalyticsTabs.Sentiment:
                Count("Rated", c.Rated, p.Rated); Rate("Satisfaction", k.Satisfaction, pk.Satisfaction); Count("Received", c.Received, p.Received);
                break;
            case AnalyticsTabs.People:
                foreach (var m in new[] { "Residents", "Registered", "Migrant", "Foreign", "Aged60Plus", "LivingAlone", "Children", "Disabled", "LeftBehind", "SpecialCare", "PartyMembers", "Households", "GridWorkers" })
                {
                    Base(m, Snapshot(m));
                }
                break;
            case AnalyticsTabs.Places:
                foreach (var m in new[] { "Buildings", "Rooms", "RentalRooms", "VacantRooms", "Places", "KeyPlaces", "Schools" })
                {
                    Base(m, Snapshot(m));
                }
                break;
            case AnalyticsTabs.Objects:
                foreach (var m in new[] { "Components", "ComponentsFaulty", "Devices", "DevicesOnline", "SosWristbands" })
                {
                    Base(m, Snapshot(m));
                }
                break;
            default:
                foreach (var m in new[] { "Organizations", "PartyOrganizations", "Enterprises", "SocialOrganizations", "PropertyCompanies", "OwnersCommittees", "VolunteerTeams", "EmergencyTeams", "OrganizationMembers" })
                {
                    Base(m, Snapshot(m));
                }
                break;
        }
        return new AnalyticsTable("summary", l["Export.Summary"], [l["Export.Summary"], l["Export.Value"], l["Export.Previous"]], rows);
    }

    private static Func<NodeSnapshot, int> Snapshot(string metric)
    {
        var property = typeof(NodeSnapshot).GetProperty(metric) ?? throw new ArgumentException($"No snapshot measure {metric}.", nameof(metric));
        return s => (int)property.GetValue(s)!;
    }

    /// <summary>The columns of the children table per tab; the first metric orders the ranking (higher is better).</summary>
    public static IReadOnlyList<string> RankingMetrics(string tab) => tab switch
    {
        AnalyticsTabs.Events => ["Composite", "Received", "Due", "Closed", "ClosureRate", "OnTimeClosureRate", "ResolveRate", "GridResolutionRate", "PatrolCoverage"],
        AnalyticsTabs.Sentiment => ["Satisfaction", "Rated", "Received"],
        AnalyticsTabs.People => ["Residents", "Migrant", "Aged60Plus", "LivingAlone", "Children", "SpecialCare", "PartyMembers", "Households"],
        AnalyticsTabs.Places => ["Buildings", "Rooms", "RentalRooms", "VacantRooms", "Places", "KeyPlaces"],
        AnalyticsTabs.Objects => ["Components", "ComponentsFaulty", "Devices", "DevicesOnline", "SosWristbands"],
        _ => ["Organizations", "PartyOrganizations", "Enterprises", "SocialOrganizations", "VolunteerTeams", "OrganizationMembers"],
    };

    private static object? Value(AnalyticsChild child, string metric) => metric switch
    {
        "Composite" => child.Kpis.Composite,
        "Received" => child.Counts.Received,
        "Due" => child.Counts.Due,
        "Closed" => child.Counts.Closed,
        "Rated" => child.Counts.Rated,
        "ClosureRate" => new Percent(child.Kpis.ClosureRate),
        "OnTimeClosureRate" => new Percent(child.Kpis.OnTimeClosureRate),
        "ResolveRate" => new Percent(child.Kpis.ResolveRate),
        "GridResolutionRate" => new Percent(child.Kpis.GridResolutionRate),
        "PatrolCoverage" => new Percent(child.Kpis.PatrolCoverage),
        "Satisfaction" => new Percent(child.Kpis.Satisfaction),
        _ => child.Snapshot is { } s ? Snapshot(metric)(s) : null,
    };

    private static double SortValue(object? value) => value switch
    {
        Percent p => p.Value ?? -1,
        double d => d,
        int i => i,
        _ => -1,
    };

    /// <summary>红黑榜: the children ranked by the tab's first measure.</summary>
    private AnalyticsTable Ranking(AreaReport r, string tab)
    {
        var metrics = RankingMetrics(tab);
        var rows = r.Children
            .Select(c => (Child: c, Values: metrics.Select(m => Value(c, m)).ToList()))
            .OrderByDescending(x => SortValue(x.Values[0])).ThenBy(x => x.Child.Node.Code, StringComparer.Ordinal)
            .Select((x, i) => new AnalyticsRow(x.Child.Node.Code, [i + 1, x.Child.Node.Name, .. x.Values]))
            .ToList();
        return new AnalyticsTable("ranking", l["Ranking"], [l["Column.Rank"], l["Column.Name"], .. metrics.Select(M)], rows,
            Ranked: tab is AnalyticsTabs.Events or AnalyticsTabs.Sentiment);
    }

    private AnalyticsTable Buildings(AreaReport r) => new("buildings", l["Section.Buildings"],
        [l["Column.Name"], l["Building.Address"], l["Building.Floors"], M("Rooms"), M("Households"), M("Residents")],
        [.. r.Buildings.Select(b => new AnalyticsRow(b.Node.Code, [b.Node.Name, b.Address, b.Floors, b.Rooms, b.Households, b.Residents]))]);

    public IReadOnlyList<AnalyticsTable> ForBuilding(BuildingReport b) => Plain(
    [
        new("rooms", l["Section.Rooms"], [l["Room.Household"], l["Room.Number"], l["Room.Floor"], l["Room.Use"], l["Room.Area"], l["Room.Members"]],
            [.. b.Rooms.Select(r => new AnalyticsRow(r.Household?.Code, [r.Household?.Name ?? "—", r.Number, r.Floor, l["Use." + r.Use], r.AreaSquareMeters, r.Members]))]),
    ]);

    public IReadOnlyList<AnalyticsTable> ForHousehold(HouseholdReport h) => Plain(
    [
        new("residents", l["Section.Residents"],
            [l["Resident.Name"], l["Resident.Gender"], l["Resident.Age"], l["Resident.Type"], l["Resident.KeyGroups"], l["Resident.Party"], l["Resident.Head"], l["Resident.Phone"], l["Resident.IdNumber"]],
            [.. h.Residents.Select(p => new AnalyticsRow(null, [p.Name, l["Gender." + p.Gender], p.Age, l["Type." + p.Type], KeyGroups(p.KeyGroups),
                p.IsPartyMember ? l["Yes"] : "", p.IsHouseholdHead ? l["Yes"] : "", p.Phone ?? "", p.IdNumber]))]),
    ]);

    private string KeyGroups(Data.People.KeyGroups groups) => string.Join("、",
        Enum.GetValues<Data.People.KeyGroups>().Where(g => g != Data.People.KeyGroups.None && groups.HasFlag(g))
            .Select(g => (string)l["Metric." + (g == Data.People.KeyGroups.Child ? "Children" : g.ToString())]));
}
