using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;

namespace CommandCenter.Web.Tests.TestHost;

/// <summary>A small, irregular district written row by row (the demo seeder is another branch's work).</summary>
public static class TestDistrict
{
    private const string Square = """{"type":"Polygon","coordinates":[[[109,35],[109.1,35],[109.1,35.1],[109,35]]]}""";

    public static async Task AddAsync(CommandCenterDbContext db, DateTime now)
    {
        var district = new District { Code = "610202", Name = "测试区", Boundary = Square };
        var street = new Street { District = district, Code = "610202001", Name = "测试街道", Boundary = Square };
        var community = new Community { Street = street, Code = "610202001001", Name = "测试社区", Boundary = Square };
        db.Add(community);
        await db.SaveChangesAsync();
        var grids = Enumerable.Range(1, 3)
            .Select(i => new Grid { CommunityId = community.Id, StreetId = street.Id, Code = $"610202001001{i:000}", Name = $"第{i}网格", Boundary = Square })
            .ToList();
        db.AddRange(grids);
        await db.SaveChangesAsync();

        var grid = grids[0];
        var building = new Building { GridId = grid.Id, Code = grid.Code + "0001", Name = "1号楼", Address = "测试路1号", Floors = 6, Units = 2 };
        var building2 = new Building { GridId = grids[1].Id, Code = grids[1].Code + "0001", Name = "2号楼", Address = "测试路2号", Floors = 6, Units = 2 };
        db.AddRange(building, building2);
        await db.SaveChangesAsync();

        var rooms = Enumerable.Range(1, 5)
            .Select(i => new Room { BuildingId = building.Id, GridId = grid.Id, Number = $"1-{i}-0101", Unit = 1, Floor = i })
            .ToList();
        db.AddRange(rooms);
        await db.SaveChangesAsync();
        var households = rooms.Take(4).Select((r, i) => new Household { RoomId = r.Id, GridId = grid.Id, BuildingId = building.Id, Number = $"H{i}" }).ToList();
        db.AddRange(households);
        await db.SaveChangesAsync();

        KeyGroups[] groups =
        [
            KeyGroups.Aged60Plus | KeyGroups.LivingAlone, KeyGroups.Aged60Plus, KeyGroups.Child, KeyGroups.Child | KeyGroups.LeftBehind,
            KeyGroups.Disabled, KeyGroups.SpecialCare | KeyGroups.Disabled, KeyGroups.None, KeyGroups.Aged60Plus | KeyGroups.Disabled,
        ];
        ResidentType[] types = [ResidentType.Registered, ResidentType.Registered, ResidentType.Migrant, ResidentType.Foreign];
        for (var i = 0; i < 11; i++)
        {
            db.Residents.Add(new Resident
            {
                HouseholdId = households[i % households.Count].Id,
                GridId = grid.Id,
                Name = $"居民{i}",
                IdNumber = $"61020219800101{i:0000}",
                IdNumberHash = $"hash{i}",
                BirthDate = new DateOnly(1980, 1, 1),
                Type = types[i % types.Length],
                KeyGroups = groups[i % groups.Length],
                IsPartyMember = i % 3 == 0,
            });
        }

        PlaceKind[] kinds = [PlaceKind.School, PlaceKind.School, PlaceKind.Hospital, PlaceKind.Market];
        db.Places.AddRange(kinds.Select((k, i) => new Place { GridId = grid.Id, Kind = k, Name = $"场所{i}", Address = "测试路" }));

        (string Major, string Name, ComponentState State)[] components =
        [
            ("01", "公用设施", ComponentState.Normal), ("01", "公用设施", ComponentState.Damaged), ("01", "公用设施", ComponentState.Normal),
            ("02", "道路交通", ComponentState.Missing), ("04", "园林绿化", ComponentState.UnderRepair),
        ];
        db.CityComponents.AddRange(components.Select((c, i) => new CityComponent
        {
            GridId = grid.Id, Code = $"610202{c.Major}01{i:000000}", MajorCode = c.Major, MajorName = c.Name,
            MinorCode = "01", MinorName = "测试", State = c.State, Owner = "测试单位",
        }));

        db.Organizations.AddRange(
            new Organization { Kind = OrganizationKind.PartyOrganization, PartyTier = PartyTier.StreetWorkingCommittee, Name = "街道党工委", AreaCode = street.Code },
            new Organization { Kind = OrganizationKind.PartyOrganization, PartyTier = PartyTier.GridBranch, Name = "网格党支部1", AreaCode = grid.Code },
            new Organization { Kind = OrganizationKind.PartyOrganization, PartyTier = PartyTier.GridBranch, Name = "网格党支部2", AreaCode = grid.Code },
            new Organization { Kind = OrganizationKind.Enterprise, Name = "企业", AreaCode = grid.Code },
            new Organization { Kind = OrganizationKind.VolunteerTeam, Name = "志愿队", AreaCode = grid.Code });

        db.GridWorkers.AddRange(grids.Select((g, i) => new GridWorker
        {
            GridId = g.Id, Name = $"网格员{i}", Phone = "13800000000", EmployeeNumber = $"W{i}", IsActive = i != 2,
        }));

        // The category catalogue is reference data seeded at start-up; a test may have replaced it with its own.
        var category = db.IncidentCategories.SingleOrDefault(c => c.Code == "E0101");
        if (category is null)
        {
            category = new IncidentCategory { Code = "E0101", Kind = CategoryKind.Event, MajorCode = "01", MajorName = "市容环境", MinorCode = "01", MinorName = "暴露垃圾" };
            db.IncidentCategories.Add(category);
            await db.SaveChangesAsync();
        }

        IncidentStage[] stages = [IncidentStage.Reported, IncidentStage.Dispatched, IncidentStage.Closed, IncidentStage.Evaluated, IncidentStage.Rejected, IncidentStage.Handling];
        var thisYear = new DateTime(now.Year, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var lastYear = thisYear.AddYears(-1);
        for (var i = 0; i < stages.Length + 2; i++)
        {
            var reported = i < stages.Length ? thisYear.AddHours(i) : lastYear.AddHours(i);
            db.Incidents.Add(new Incident
            {
                Number = $"T{i:000000}", Title = "测试事件", Description = "测试", CategoryId = category.Id,
                GridId = grid.Id, CommunityId = community.Id, StreetId = street.Id,
                Stage = stages[i % stages.Length], ReportedAt = reported, UpdatedAt = reported,
                RespondDueAt = reported.AddMinutes(15), ReplyDueAt = reported.AddMinutes(30), ResolveDueAt = reported.AddHours(24),
            });
        }
        await db.SaveChangesAsync();
    }
}
