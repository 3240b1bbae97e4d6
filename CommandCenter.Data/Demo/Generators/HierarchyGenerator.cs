using System.Globalization;
using CommandCenter.Data.Demo.Geometry;
using CommandCenter.Data.Demo.Names;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.People;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>District → streets → communities → grids with tiling polygons; handling units per tier; grid workers and staff.</summary>
internal static class HierarchyGenerator
{
    /// <summary>Roughly the old town of Wangyi district, Tongchuan.</summary>
    private static readonly GeoPoint Centre = new(109.0745, 35.0860);
    private const double CellMeters = 480;

    public static readonly string[] Departments =
    [
        "区城市管理和综合执法局", "区住房和城乡建设局", "区市场监督管理局", "市生态环境局王益分局", "区水务局",
        "铜川市公安局王益分局", "区应急管理局", "区民政局", "区卫生健康局", "区交通运输局", "区自然资源局",
        "区人力资源和社会保障局", "区司法局", "区消防救援大队", "国网王益供电公司", "王益区燃气公司",
    ];

    public static void Generate(DemoWorld world)
    {
        var random = world.Stream(1);
        var gridCount = world.Count(455, 8);
        var communityCount = Math.Min(world.Count(57, 4), gridCount);
        var streetCount = Math.Min(world.Count(8, 2), communityCount);

        var tiling = LatticeTiling.Create(random, gridCount, Centre, CellMeters);
        world.Tiling = tiling;
        var all = Enumerable.Range(0, tiling.Cells.Count).ToList();
        var districtRing = tiling.OuterRing(all);
        var districtCentre = CentreOf(tiling, all);
        world.District = new District
        {
            Id = 1,
            Code = DemoWorld.DistrictCode,
            Name = DemoWorld.DistrictName,
            Boundary = GeoPolygon.ToGeoJson(districtRing),
            CenterLongitude = districtCentre.Longitude,
            CenterLatitude = districtCentre.Latitude,
        };

        var streets = RegionPartition.Split(tiling, all, streetCount);
        var communitiesPerStreet = DemoRandom.Apportion(communityCount, streets.Select(s => (double)s.Count).ToList(), 1);
        for (var s = 0; s < streets.Count; s++)
        {
            var streetCells = streets[s];
            var streetCode = HierarchyCode.Street(world.District.Code, s + 1);
            var centre = CentreOf(tiling, streetCells);
            var street = new Street
            {
                Id = world.Streets.Count + 1,
                DistrictId = 1,
                Code = streetCode,
                Name = PlaceNames.StreetName(s),
                Boundary = GeoPolygon.ToGeoJson(tiling.OuterRing(streetCells)),
                CenterLongitude = centre.Longitude,
                CenterLatitude = centre.Latitude,
            };
            world.Streets.Add(street);

            var communities = RegionPartition.Split(tiling, streetCells, Math.Min(communitiesPerStreet[s], streetCells.Count));
            for (var c = 0; c < communities.Count; c++)
            {
                var communityCells = communities[c];
                var communityCentre = CentreOf(tiling, communityCells);
                var community = new Community
                {
                    Id = world.Communities.Count + 1,
                    StreetId = street.Id,
                    Code = HierarchyCode.Child(streetCode, c + 1),
                    Name = PlaceNames.CommunityName(world.Communities.Count),
                    Boundary = GeoPolygon.ToGeoJson(tiling.OuterRing(communityCells)),
                    CenterLongitude = communityCentre.Longitude,
                    CenterLatitude = communityCentre.Latitude,
                };
                world.Communities.Add(community);
                for (var g = 0; g < communityCells.Count; g++)
                {
                    var cell = tiling.Cells[communityCells[g]];
                    world.Grids.Add(new Grid
                    {
                        Id = world.Grids.Count + 1,
                        CommunityId = community.Id,
                        StreetId = street.Id,
                        Code = HierarchyCode.Child(community.Code, g + 1),
                        Name = PlaceNames.GridName(community.Name, g + 1),
                        Boundary = GeoPolygon.ToGeoJson(cell.Ring),
                        CenterLongitude = cell.Centroid.Longitude,
                        CenterLatitude = cell.Centroid.Latitude,
                        AreaSquareMeters = Math.Round(cell.AreaSquareMeters, 1),
                    });
                    world.GridRings.Add(cell.Ring);
                }
            }
        }
        CreateHandlingUnits(world);
        CreateStaff(world, world.Stream(2));
    }

    /// <summary>The centroid of the group's cell nearest to the group's mean centroid: always inside the group.</summary>
    private static GeoPoint CentreOf(LatticeTiling tiling, IReadOnlyList<int> cells)
    {
        var lon = cells.Average(c => tiling.Cells[c].Centroid.Longitude);
        var lat = cells.Average(c => tiling.Cells[c].Centroid.Latitude);
        var best = cells.MinBy(c =>
        {
            var p = tiling.Cells[c].Centroid;
            return ((p.Longitude - lon) * (p.Longitude - lon)) + ((p.Latitude - lat) * (p.Latitude - lat));
        });
        return tiling.Cells[best].Centroid;
    }

    private static void CreateHandlingUnits(DemoWorld world)
    {
        HandlingUnit Add(string name, HandlingTier tier, string area)
        {
            var unit = new HandlingUnit { Id = world.HandlingUnits.Count + 1, Name = name, Tier = tier, AreaCode = area };
            world.HandlingUnits.Add(unit);
            return unit;
        }
        var district = world.District.Code;
        world.CommandCentre = Add("区社会治理综合指挥中心", HandlingTier.District, district);
        Add("区委政法委", HandlingTier.District, district);
        foreach (var name in Departments)
        {
            world.DepartmentsByName[name] = Add(name, HandlingTier.Department, district);
        }
        world.StreetUnits = world.Streets.Select(s => Add(s.Name + "综治中心", HandlingTier.Street, s.Code)).ToArray();
        world.CommunityUnits = world.Communities.Select(c => Add(c.Name + "网格服务站", HandlingTier.Community, c.Code)).ToArray();
        world.GridUnits = world.Grids.Select(g => Add(g.Name, HandlingTier.Grid, g.Code)).ToArray();
    }

    private static void CreateStaff(DemoWorld world, Random random)
    {
        foreach (var grid in world.Grids)
        {
            world.GridWorkers.Add(new GridWorker
            {
                Id = grid.Id,
                GridId = grid.Id,
                Name = ChineseNames.FullName(random, random.Chance(0.45)),
                Phone = ChineseNames.MobileNumber(random),
                EmployeeNumber = "WG" + grid.Code,
                IsPartyMember = random.Chance(0.62),
                IsActive = true,
            });
        }
        void Add(StaffRole role, string area, int? unitId)
        {
            var member = new StaffMember
            {
                Id = world.StaffMembers.Count + 1,
                Role = role,
                Name = ChineseNames.FullName(random, random.Chance(0.5)),
                Phone = ChineseNames.MobileNumber(random),
                AreaCode = area,
                HandlingUnitId = unitId,
            };
            world.StaffMembers.Add(member);
            if (role == StaffRole.DutyOfficer)
            {
                world.DutyOfficers.Add(member);
            }
        }
        for (var i = 0; i < world.Count(8, 2); i++)
        {
            Add(StaffRole.DutyOfficer, world.District.Code, world.CommandCentre.Id);
        }
        foreach (var unit in world.DepartmentsByName.Values)
        {
            Add(StaffRole.DepartmentOfficer, unit.AreaCode, unit.Id);
            Add(StaffRole.DepartmentOfficer, unit.AreaCode, unit.Id);
        }
        foreach (var street in world.Streets)
        {
            for (var i = 0; i < 3; i++)
            {
                Add(StaffRole.StreetOfficer, street.Code, world.StreetUnits[street.Id - 1].Id);
            }
        }
        foreach (var community in world.Communities)
        {
            var unit = world.CommunityUnits[community.Id - 1].Id;
            Add(StaffRole.CommunitySecretary, community.Code, unit);
            for (var i = 0; i < 3; i++)
            {
                Add(StaffRole.CommunityWorker, community.Code, unit);
            }
        }
        foreach (var grid in world.Grids)
        {
            if (random.Chance(0.3))
            {
                Add(StaffRole.GridAssistant, grid.Code, world.GridUnits[grid.Id - 1].Id);
            }
        }
    }

    public static string Invariant(int value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
