using CommandCenter.Data.Hierarchy;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Registry;

/// <summary>
/// The registry totals of one hierarchy node (人、地、物、组织): the numbers <c>GET /api/v1/registry/summary</c> answers and
/// the registry page heads with. Rows belong to a node through their grid (organisations through their area code), the
/// same rule the home page (<see cref="Statistics.DistrictTotals.Registry"/>), the wall's base data and the analytics
/// snapshots use, so all of them show the same numbers.
/// </summary>
public sealed record RegistryCounts(long Residents, long Households, long Buildings, long Rooms, long Places, long Components, long Organizations)
{
    /// <summary>
    /// Counts the rows of <paramref name="nodeCode"/> (a district, street, community or grid code). A district code or null
    /// counts everything: an installation holds one district.
    /// </summary>
    public static async Task<RegistryCounts> QueryAsync(CommandCenterDbContext db, string? nodeCode, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        if (nodeCode is null || nodeCode.Length <= HierarchyCode.DistrictLength)
        {
            return new RegistryCounts(
                await db.Residents.LongCountAsync(cancellationToken),
                await db.Households.LongCountAsync(cancellationToken),
                await db.Buildings.LongCountAsync(cancellationToken),
                await db.Rooms.LongCountAsync(cancellationToken),
                await db.Places.LongCountAsync(cancellationToken),
                await db.CityComponents.LongCountAsync(cancellationToken),
                await db.Organizations.LongCountAsync(cancellationToken));
        }
        var grids = db.Grids.Where(g => g.Code.StartsWith(nodeCode)).Select(g => g.Id);
        return new RegistryCounts(
            await db.Residents.LongCountAsync(r => grids.Contains(r.GridId), cancellationToken),
            await db.Households.LongCountAsync(h => grids.Contains(h.GridId), cancellationToken),
            await db.Buildings.LongCountAsync(b => grids.Contains(b.GridId), cancellationToken),
            await db.Rooms.LongCountAsync(r => grids.Contains(r.GridId), cancellationToken),
            await db.Places.LongCountAsync(p => grids.Contains(p.GridId), cancellationToken),
            await db.CityComponents.LongCountAsync(c => grids.Contains(c.GridId), cancellationToken),
            await db.Organizations.LongCountAsync(o => o.AreaCode.StartsWith(nodeCode), cancellationToken));
    }
}
