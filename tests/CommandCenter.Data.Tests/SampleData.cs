using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;

namespace CommandCenter.Data.Tests;

/// <summary>A minimal hierarchy and one incident, for tests that need a few real rows.</summary>
public static class SampleData
{
    private const string Square = """{"type":"Polygon","coordinates":[[[109.0,35.0],[109.01,35.0],[109.01,35.01],[109.0,35.01],[109.0,35.0]]]}""";

    public static async Task<Grid> AddGridAsync(CommandCenterDbContext db)
    {
        var district = new District { Code = "610202", Name = "王益区", Boundary = Square, CenterLatitude = 35.005, CenterLongitude = 109.005 };
        var street = new Street { District = district, Code = "610202001", Name = "七一路街道", Boundary = Square };
        var community = new Community { Street = street, Code = "610202001001", Name = "青年路社区", Boundary = Square };
        var grid = new Grid { Community = community, Code = "610202001001001", Name = "第一网格", Boundary = Square };
        db.AddRange(district, street, community, grid);
        await db.SaveChangesAsync();
        grid.StreetId = street.Id;
        await db.SaveChangesAsync();
        return grid;
    }

    /// <summary>A grid with one building, room, household, two residents (one a party member) and a grid worker.</summary>
    public static async Task<(Grid Grid, Resident Elder, Resident PartyMember, GridWorker Worker)> AddNeighbourhoodAsync(CommandCenterDbContext db)
    {
        var grid = await AddGridAsync(db);
        var building = new Building { GridId = grid.Id, Code = grid.Code + "0001", Name = "1号楼", Address = "青年路1号", Floors = 6, Units = 2, Latitude = 35.005, Longitude = 109.005 };
        var room = new Room { Building = building, GridId = grid.Id, Number = "1-1-0101", Unit = 1, Floor = 1, AreaSquareMeters = 72 };
        var household = new Household { Room = room, GridId = grid.Id, Number = grid.Code + "00010001", MemberCount = 2 };
        var elder = new Resident
        {
            Household = household, GridId = grid.Id, Name = "王秀英", IdNumber = "610202194805061228", IdNumberHash = "h1", Phone = "13900001111",
            BirthDate = new DateOnly(1948, 5, 6), KeyGroups = KeyGroups.Aged60Plus | KeyGroups.LivingAlone,
        };
        var member = new Resident
        {
            Household = household, GridId = grid.Id, Name = "张建国", IdNumber = "610202198001011234", IdNumberHash = "h2", Phone = "13900002222",
            Gender = Gender.Male, BirthDate = new DateOnly(1980, 1, 1), IsPartyMember = true,
        };
        var worker = new GridWorker { GridId = grid.Id, Name = "赵网格", Phone = "13900003333", EmployeeNumber = "GW0001" };
        db.AddRange(building, room, household, elder, member, worker);
        await db.SaveChangesAsync();
        return (grid, elder, member, worker);
    }

    public static async Task<Incident> AddIncidentAsync(CommandCenterDbContext db, DateTime reportedAt)
    {
        var grid = await AddGridAsync(db);
        var category = new IncidentCategory
        {
            Code = "C0101", Kind = CategoryKind.Component, MajorCode = "01", MajorName = "公用设施", MinorCode = "01", MinorName = "井盖缺失",
        };
        var incident = new Incident
        {
            Number = "20261122000001",
            Title = "人行道井盖缺失",
            Description = "青年路 12 号门前井盖缺失，行人有坠落风险。",
            Source = SourceChannel.GridWorker,
            Category = category,
            Priority = IncidentPriority.High,
            GridId = grid.Id,
            CommunityId = grid.CommunityId,
            StreetId = grid.StreetId,
            Stage = IncidentStage.Reported,
            Tier = HandlingTier.Grid,
            ReportedAt = reportedAt,
            RespondDueAt = reportedAt.AddMinutes(15),
            ReplyDueAt = reportedAt.AddMinutes(30),
            ResolveDueAt = reportedAt.AddHours(24),
            UpdatedAt = reportedAt,
            Version = 1,
        };
        incident.History.Add(new IncidentHistory
        {
            Version = 1, Action = IncidentAction.Report, FromStage = IncidentStage.Reported, ToStage = IncidentStage.Reported,
            Tier = HandlingTier.Grid, ActorName = "网格员", At = reportedAt,
        });
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident;
    }
}
