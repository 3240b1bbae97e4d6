using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Analytics;

public sealed partial class AnalyticsReader
{
    /// <summary>A grid's buildings with their rooms, households and residents.</summary>
    private static async Task<List<BuildingRow>> BuildingsAsync(CommandCenterDbContext db, int gridId, CancellationToken ct)
    {
        var buildings = await db.Buildings.Where(b => b.GridId == gridId).OrderBy(b => b.Code)
            .Select(b => new { b.Id, b.Code, b.Name, b.Address, b.Floors }).ToListAsync(ct);
        var rooms = await db.Rooms.Where(r => r.GridId == gridId).GroupBy(r => r.BuildingId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var households = await db.Households.Where(h => h.GridId == gridId).GroupBy(h => h.BuildingId)
            .Select(g => new { g.Key, Count = g.Count(), Members = g.Sum(h => h.MemberCount) }).ToDictionaryAsync(x => x.Key, ct);
        return [.. buildings.Select(b => new BuildingRow(
            new AnalyticsNode(b.Code, b.Name, HierarchyLevel.Building), b.Address, b.Floors,
            rooms.GetValueOrDefault(b.Id), households.GetValueOrDefault(b.Id)?.Count ?? 0, households.GetValueOrDefault(b.Id)?.Members ?? 0))];
    }

    /// <summary>A building's rooms and households, or null when outside the scope or unknown.</summary>
    public async Task<BuildingReport?> LoadBuildingAsync(string code, string? scope, CancellationToken cancellationToken = default)
    {
        if (LevelOf(code) != HierarchyLevel.Building || !HierarchyCode.IsWithin(code, scope))
        {
            return null;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var path = await PathAsync(db, code, cancellationToken);
        var building = await db.Buildings.Where(b => b.Code == code).FirstOrDefaultAsync(cancellationToken);
        if (path.Count == 0 || building is null)
        {
            return null;
        }
        var households = await db.Households.Where(h => h.BuildingId == building.Id)
            .Select(h => new { h.RoomId, h.Number, h.MemberCount }).ToListAsync(cancellationToken);
        var byRoom = households.GroupBy(h => h.RoomId).ToDictionary(g => g.Key, g => g.First());
        var rooms = await db.Rooms.Where(r => r.BuildingId == building.Id).OrderBy(r => r.Unit).ThenBy(r => r.Floor).ThenBy(r => r.Number).ToListAsync(cancellationToken);
        var rows = rooms.Select(r =>
        {
            var h = byRoom.GetValueOrDefault(r.Id);
            return new RoomRow(r.Number, r.Floor, r.Use, r.AreaSquareMeters,
                h is null ? null : new AnalyticsNode(h.Number, HouseholdName(h.Number), HierarchyLevel.Household), h?.MemberCount ?? 0);
        }).ToList();
        var residents = await db.Residents.CountAsync(r => r.Household!.BuildingId == building.Id, cancellationToken);
        return new BuildingReport(path[^1], path, building.Address, building.Floors, building.YearBuilt, rows, residents);
    }

    /// <summary>A household's residents with names, phones and ID numbers masked, or null when outside the scope or unknown.</summary>
    public async Task<HouseholdReport?> LoadHouseholdAsync(string number, string? scope, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (LevelOf(number) != HierarchyLevel.Household || !HierarchyCode.IsWithin(number, scope))
        {
            return null;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var path = await PathAsync(db, number, cancellationToken);
        var household = await db.Households.Include(h => h.Room).Where(h => h.Number == number).FirstOrDefaultAsync(cancellationToken);
        if (path.Count == 0 || household is null)
        {
            return null;
        }
        var residents = await db.Residents.Where(r => r.HouseholdId == household.Id).OrderByDescending(r => r.IsHouseholdHead).ThenBy(r => r.BirthDate).ToListAsync(cancellationToken);
        var masked = residents.Select(r => new MaskedResident(
            PersonalDataMask.Name(r.Name)!, r.Gender, Age(r.BirthDate, today), r.Type, r.KeyGroups, r.IsPartyMember, r.IsHouseholdHead,
            PersonalDataMask.Phone(r.Phone), PersonalDataMask.IdNumber(r.IdNumber)!)).ToList();
        return new HouseholdReport(path[^1], path, household.Room?.Number ?? "", household.IsPartyMemberCentre, masked);
    }

    internal static int Age(DateOnly birth, DateOnly today) =>
        today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);
}
