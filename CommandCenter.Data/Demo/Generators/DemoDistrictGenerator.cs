using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.Patrols;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.ServiceOrders;
using CommandCenter.Data.Sos;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>
/// Produces the whole demo district table by table, parents before children, lazily: a loader can write one
/// table while the next is being generated. Same seed, scale, anchor and categories → identical rows.
/// </summary>
public static class DemoDistrictGenerator
{
    /// <param name="categories">The stored category catalogue (with its Ids).</param>
    public static IEnumerable<DemoTable> Generate(double scale, int seed, DateTime anchorUtc, IReadOnlyList<IncidentCategory> categories)
    {
        if (anchorUtc.Kind != DateTimeKind.Utc)
        {
            anchorUtc = DateTime.SpecifyKind(anchorUtc.ToUniversalTime(), DateTimeKind.Utc);
        }
        // Whole seconds: every timestamp is then identical however a provider stores fractions.
        anchorUtc = new DateTime(anchorUtc.Ticks - (anchorUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var world = new DemoWorld(scale, seed, anchorUtc, categories);

        HierarchyGenerator.Generate(world);
        yield return Table([world.District]);
        yield return Table(world.Streets);
        yield return Table(world.Communities);
        yield return Table(world.Grids);
        yield return Table(world.HandlingUnits);
        yield return Table(world.GridWorkers);
        yield return Table(world.StaffMembers);

        PeopleGenerator.GenerateBuildings(world);
        yield return Table(world.Buildings);
        yield return Table(world.Rooms);
        PeopleGenerator.GenerateResidents(world);
        OrganizationGenerator.MarkPartyMemberHouseholds(world);
        yield return Table(world.Households);
        yield return Table(world.Residents);

        PlacesGenerator.GeneratePlaces(world);
        yield return Table(world.Places);
        PlacesGenerator.GenerateComponents(world);
        yield return Table(world.Components);
        PlacesGenerator.GenerateDevices(world);
        yield return Table(world.Devices);

        var memberships = OrganizationGenerator.Generate(world);
        yield return Table(world.Organizations);
        yield return Table(memberships);

        var incidents = IncidentGenerator.Generate(world);
        yield return Table(incidents.Incidents);
        yield return Table(incidents.History);
        yield return Table(incidents.Supervisions);
        yield return Table(incidents.CallBacks);
        yield return Table(incidents.SosAlerts);

        var (patrols, checkIns) = ActivityGenerator.GeneratePatrols(world);
        yield return Table(patrols);
        yield return Table(checkIns);

        var (orders, wishes, orderRatings) = ActivityGenerator.GenerateServices(world, incidents.Ratings.Count + 1);
        yield return Table(orders);
        yield return Table(wishes);
        incidents.Ratings.AddRange(orderRatings);
        yield return Table(incidents.Ratings);
    }

    /// <summary>Rough total row count, for progress fractions.</summary>
    public static long EstimateRows(double scale) => (long)(1_650_000 * scale) + 2_000;

    private static DemoTable Table<T>(List<T> rows) where T : class => new(typeof(T), rows);

    // Referenced so the generic argument list above documents every table the generator writes.
    internal static readonly Type[] TableTypes =
    [
        typeof(District), typeof(Street), typeof(Community), typeof(Grid), typeof(HandlingUnit), typeof(GridWorker), typeof(StaffMember),
        typeof(Building), typeof(Room), typeof(Household), typeof(Resident), typeof(Place), typeof(CityComponent), typeof(Device),
        typeof(Organization), typeof(OrganizationMembership), typeof(Incident), typeof(IncidentHistory), typeof(Supervision),
        typeof(CallBack), typeof(SosAlert), typeof(Patrol), typeof(PatrolCheckIn), typeof(ServiceOrder), typeof(MicroWish), typeof(Rating),
    ];
}
