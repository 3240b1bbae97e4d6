using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;

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
