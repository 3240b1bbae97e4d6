using System.Collections;
using CommandCenter.Data.Demo.Geometry;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>One generated table, in foreign-key order, ready for a bulk loader.</summary>
public sealed record DemoTable(Type EntityType, IList Rows);

/// <summary>Everything generated so far that later generators refer to.</summary>
internal sealed class DemoWorld
{
    public DemoWorld(double scale, int seed, DateTime anchorUtc, IReadOnlyList<IncidentCategory> categories)
    {
        Scale = scale;
        Seed = seed;
        AnchorUtc = anchorUtc;
        Categories = categories;
        // China Standard Time has no daylight saving: local = UTC + 8 h.
        AnchorLocal = ChinaDay.Local(anchorUtc);
        Today = DateOnly.FromDateTime(AnchorLocal);
    }

    public const string DistrictCode = "610202";
    public const string DistrictName = "王益区";
    public const string CityName = "铜川市";

    public double Scale { get; }
    public int Seed { get; }
    public DateTime AnchorUtc { get; }
    public DateTime AnchorLocal { get; }
    public DateOnly Today { get; }
    public IReadOnlyList<IncidentCategory> Categories { get; }

    /// <summary><paramref name="target"/> × scale, rounded, at least <paramref name="minimum"/>.</summary>
    public int Count(double target, int minimum = 0) => Math.Max(minimum, (int)Math.Round(target * Scale, MidpointRounding.AwayFromZero));

    public Random Stream(int salt) => DemoRandom.Stream(Seed, salt);

    // Hierarchy and geometry.
    public LatticeTiling Tiling { get; set; } = null!;
    public District District { get; set; } = null!;
    public List<Street> Streets { get; } = [];
    public List<Community> Communities { get; } = [];
    public List<Grid> Grids { get; } = [];
    /// <summary>Grid polygon rings, indexed by grid Id - 1.</summary>
    public List<IReadOnlyList<GeoPoint>> GridRings { get; } = [];

    // Handling units by tier.
    public List<HandlingUnit> HandlingUnits { get; } = [];
    public HandlingUnit CommandCentre { get; set; } = null!;
    public Dictionary<string, HandlingUnit> DepartmentsByName { get; } = [];
    public HandlingUnit[] GridUnits { get; set; } = [];
    public HandlingUnit[] CommunityUnits { get; set; } = [];
    public HandlingUnit[] StreetUnits { get; set; } = [];

    // People and places.
    public List<Building> Buildings { get; } = [];
    public List<Room> Rooms { get; } = [];
    public List<Household> Households { get; } = [];
    public List<Resident> Residents { get; } = [];
    public List<GridWorker> GridWorkers { get; } = [];
    public List<StaffMember> StaffMembers { get; } = [];
    public List<StaffMember> DutyOfficers { get; } = [];
    public List<Place> Places { get; } = [];
    public List<CityComponent> Components { get; } = [];
    public List<Device> Devices { get; } = [];
    public List<Organization> Organizations { get; } = [];

    /// <summary>Residents per grid (index = grid Id - 1): drives where incidents happen.</summary>
    public int[] ResidentsPerGrid { get; set; } = [];

    public Grid GridOf(int gridId) => Grids[gridId - 1];

    public Community CommunityOf(Grid grid) => Communities[grid.CommunityId - 1];

    public Street StreetOf(Grid grid) => Streets[grid.StreetId - 1];

    /// <summary>A random point well inside a grid polygon.</summary>
    public GeoPoint PointIn(Random random, int gridId)
    {
        var ring = GridRings[gridId - 1];
        // Corners are points 0, 2, 4, 6 of the ring: bilinear interpolation, then a containment check.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var u = 0.12 + (random.NextDouble() * 0.76);
            var v = 0.12 + (random.NextDouble() * 0.76);
            var lon = ((1 - u) * (1 - v) * ring[0].Longitude) + (u * (1 - v) * ring[2].Longitude) + (u * v * ring[4].Longitude) + ((1 - u) * v * ring[6].Longitude);
            var lat = ((1 - u) * (1 - v) * ring[0].Latitude) + (u * (1 - v) * ring[2].Latitude) + (u * v * ring[4].Latitude) + ((1 - u) * v * ring[6].Latitude);
            var p = new GeoPoint(lon, lat);
            if (GeoPolygon.Contains(ring, p))
            {
                return p;
            }
        }
        var grid = GridOf(gridId);
        return new GeoPoint(grid.CenterLongitude, grid.CenterLatitude);
    }

    public DateTime LocalToUtc(DateTime local) => DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc);
}
