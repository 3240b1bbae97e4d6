using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.Places;

namespace CommandCenter.Data.Statistics;

/// <summary>People by type and key group.</summary>
public sealed record PeopleTotals(
    long Total, long Registered, long Migrant, long Foreign,
    long Aged60Plus, long LivingAlone, long Children, long Disabled, long LeftBehind, long SpecialCare, long PartyMembers);

/// <summary>Buildings, rooms, households and places by kind.</summary>
public sealed record PlaceTotals(long Buildings, long Rooms, long Households, IReadOnlyDictionary<PlaceKind, long> PlacesByKind)
{
    public long Places => PlacesByKind.Values.Sum();
}

/// <summary>One 大类 of city components.</summary>
public sealed record ComponentMajorTotal(string MajorCode, string MajorName, long Count);

public sealed record ComponentTotals(IReadOnlyList<ComponentMajorTotal> ByMajor, IReadOnlyDictionary<ComponentState, long> ByState)
{
    public long Total => ByState.Values.Sum();
}

public sealed record OrganizationTotals(IReadOnlyDictionary<OrganizationKind, long> ByKind, IReadOnlyDictionary<PartyTier, long> PartyByTier);

public sealed record IncidentYearTotals(int Year, long Total, long Open, long Closed, long Rejected);

public sealed record HierarchyTotals(string? DistrictName, long Streets, long Communities, long Grids, long GridWorkers);

/// <summary>The whole district's base numbers, for the home page and the wall's left column.</summary>
public sealed record DistrictTotals(
    HierarchyTotals Hierarchy,
    PeopleTotals People,
    PlaceTotals Places,
    ComponentTotals Components,
    OrganizationTotals Organizations,
    IncidentYearTotals Incidents)
{
    /// <summary>The registry totals of the district, as <see cref="Registry.RegistryCounts"/> counts them for the registry API.</summary>
    public Registry.RegistryCounts Registry => new(
        People.Total, Places.Households, Places.Buildings, Places.Rooms, Places.Places, Components.Total, Organizations.ByKind.Values.Sum());
}
