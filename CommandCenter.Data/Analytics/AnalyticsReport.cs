using CommandCenter.Data.Measures;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;

namespace CommandCenter.Data.Analytics;

/// <summary>A node of the drill-down: a hierarchy area, a building (its 19-character code) or a household (its number).</summary>
public sealed record AnalyticsNode(string Code, string Name, HierarchyLevel Level);

/// <summary>China days [From, To], inclusive.</summary>
public sealed record AnalyticsPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length just before this one.</summary>
    public AnalyticsPeriod Previous => new(From.AddDays(-Days), From.AddDays(-1));

    public (DateTime Start, DateTime End) Utc => (ChinaDay.Bounds(From).Start, ChinaDay.Bounds(To).End);
}

/// <summary>One row of a ranked children table (红黑榜): counters, indicators and the base numbers of a child node.</summary>
public sealed record AnalyticsChild(AnalyticsNode Node, RollupCounts Counts, Kpis Kpis, NodeSnapshot? Snapshot);

public sealed record CategoryTotals(int CategoryId, string Code, string Name, int Received, int Closed);

public sealed record SourceCount(SourceChannel? Source, int Received);

public sealed record HandlingUnitPerformance(int HandlingUnitId, string Name, HandlingTier? Tier, RollupCounts Counts, Kpis Kpis);

public sealed record DailyCount(DateOnly Day, int Received, int Closed);

/// <summary>Everything the analytics page shows for an area node (district, street, community or grid) and a period.</summary>
public sealed record AreaReport(
    AnalyticsNode Node,
    IReadOnlyList<AnalyticsNode> Breadcrumb,
    AnalyticsPeriod Period,
    RollupCounts Counts,
    Kpis Kpis,
    RollupCounts PreviousCounts,
    Kpis PreviousKpis,
    int Grids,
    int GridsPatrolled,
    NodeSnapshot? Snapshot,
    IReadOnlyList<AnalyticsChild> Children,
    IReadOnlyList<BuildingRow> Buildings,
    IReadOnlyList<CategoryTotals> TopCategories,
    IReadOnlyList<SourceCount> Sources,
    IReadOnlyList<HandlingUnitPerformance> HandlingUnits,
    /// <summary>Received per China weekday (0 = Monday) × hour of day.</summary>
    int[,] HeatMap,
    IReadOnlyList<DailyCount> Daily);

/// <summary>A building in a grid's list.</summary>
public sealed record BuildingRow(AnalyticsNode Node, string Address, int Floors, int Rooms, int Households, int Residents);

/// <summary>A room of a building, with its household when one lives there.</summary>
public sealed record RoomRow(string Number, int Floor, RoomUse Use, double AreaSquareMeters, AnalyticsNode? Household, int Members);

/// <summary>A building: its rooms and households.</summary>
public sealed record BuildingReport(AnalyticsNode Node, IReadOnlyList<AnalyticsNode> Breadcrumb, string Address, int Floors, int YearBuilt, IReadOnlyList<RoomRow> Rooms, int Residents);

/// <summary>A resident as the analytics page may show one: name, phone and ID number masked on the server.</summary>
public sealed record MaskedResident(string Name, Gender Gender, int Age, ResidentType Type, KeyGroups KeyGroups, bool IsPartyMember, bool IsHouseholdHead, string? Phone, string IdNumber);

/// <summary>A household: its residents, masked.</summary>
public sealed record HouseholdReport(AnalyticsNode Node, IReadOnlyList<AnalyticsNode> Breadcrumb, string Room, bool IsPartyMemberCentre, IReadOnlyList<MaskedResident> Residents);
