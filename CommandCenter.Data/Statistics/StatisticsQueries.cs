using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Statistics;

/// <summary>The base numbers (人 / 组织 / 地物) of one hierarchy node: the wall's left column.</summary>
public sealed record NodeBaseFigures(
    PeopleTotals People,
    long Buildings,
    long Rooms,
    long Places,
    IReadOnlyList<ComponentMajorTotal> ComponentsByMajor,
    IReadOnlyDictionary<PartyTier, long> PartyByTier,
    long GridWorkers,
    long VolunteerTeams,
    long VolunteerMembers,
    long EmergencyTeams,
    long EmergencyMembers)
{
    public long Components => ComponentsByMajor.Sum(c => c.Count);

    public static NodeBaseFigures Zero { get; } = new(
        new PeopleTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 0, 0, [], new Dictionary<PartyTier, long>(), 0, 0, 0, 0, 0);
}

/// <summary>
/// The base numbers of the district and of every node, for the home page and the wall (the analytics snapshots take
/// theirs from <see cref="Analytics.NodeSnapshotBuilder"/>); people are counted by <see cref="PeopleCounts"/> for all three.
/// </summary>
public sealed class StatisticsQueries(IDbContextFactory<CommandCenterDbContext> contexts, TimeProvider time)
{
    /// <summary>The district's totals, incidents counted for the current China-local year.</summary>
    public Task<DistrictTotals> DistrictTotalsAsync(CancellationToken cancellationToken = default)
    {
        var year = ChinaDay.Of(time.GetUtcNow().UtcDateTime).Year;
        return DistrictTotalsAsync(year, ChinaDay.Bounds(new DateOnly(year, 1, 1)).Start, cancellationToken);
    }

    /// <summary>
    /// Reads the totals with a few grouped queries (one scan per table, index-only where the indexes cover them).
    /// <paramref name="yearStartUtc"/> is the start of the current year in the district's time zone, as UTC.
    /// </summary>
    public async Task<DistrictTotals> DistrictTotalsAsync(int year, DateTime yearStartUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;

        var districtName = await db.Districts.OrderBy(d => d.Id).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
        var hierarchy = new HierarchyTotals(
            districtName,
            await db.Streets.LongCountAsync(cancellationToken),
            await db.Communities.LongCountAsync(cancellationToken),
            await db.Grids.LongCountAsync(cancellationToken),
            await db.GridWorkers.LongCountAsync(w => w.IsActive, cancellationToken));

        var people = PeopleCounts.Sum(await PeopleCounts.ByGridAsync(db, cancellationToken));

        var placesByKind = await db.Places.GroupBy(p => p.Kind)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var places = new PlaceTotals(
            await db.Buildings.LongCountAsync(cancellationToken),
            await db.Rooms.LongCountAsync(cancellationToken),
            await db.Households.LongCountAsync(cancellationToken),
            placesByKind);

        var byMajor = await db.CityComponents.GroupBy(c => new { c.MajorCode, c.MajorName })
            .Select(g => new { g.Key.MajorCode, g.Key.MajorName, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var byState = await db.CityComponents.GroupBy(c => c.State)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var components = new ComponentTotals(
            [.. byMajor.OrderBy(m => m.MajorCode, StringComparer.Ordinal).Select(m => new ComponentMajorTotal(m.MajorCode, m.MajorName, m.Count))],
            byState);

        var orgRows = await db.Organizations.GroupBy(o => new { o.Kind, o.PartyTier })
            .Select(g => new { g.Key.Kind, g.Key.PartyTier, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var organizations = new OrganizationTotals(
            orgRows.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            orgRows.Where(r => r.Kind == OrganizationKind.PartyOrganization && r.PartyTier is not null)
                .GroupBy(r => r.PartyTier!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)));

        var stages = await db.Incidents.Where(i => i.ReportedAt >= yearStartUtc)
            .GroupBy(i => i.Stage)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var incidents = new IncidentYearTotals(
            year,
            stages.Sum(s => s.Count),
            stages.Where(s => s.Key is not (IncidentStage.Closed or IncidentStage.Evaluated or IncidentStage.Rejected)).Sum(s => s.Count),
            stages.Where(s => s.Key is IncidentStage.Closed or IncidentStage.Evaluated).Sum(s => s.Count),
            stages.Where(s => s.Key is IncidentStage.Rejected).Sum(s => s.Count));

        return new DistrictTotals(hierarchy, people, places, components, organizations, incidents);
    }

    /// <summary>
    /// Every node's base numbers (district, streets, communities, grids), read with one grouped query per table (grouped by
    /// grid, or by area code for organisations) and rolled up by code prefix in memory.
    /// </summary>
    public async Task<Dictionary<string, NodeBaseFigures>> NodeFiguresAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var grids = await db.Grids.Select(g => new { g.Id, g.Code }).ToListAsync(cancellationToken);
        var nodeCodes = new List<string>();
        nodeCodes.AddRange(await db.Districts.Select(d => d.Code).ToListAsync(cancellationToken));
        nodeCodes.AddRange(await db.Streets.Select(s => s.Code).ToListAsync(cancellationToken));
        nodeCodes.AddRange(await db.Communities.Select(c => c.Code).ToListAsync(cancellationToken));
        nodeCodes.AddRange(grids.Select(g => g.Code));

        var people = await PeopleCounts.ByGridAsync(db, cancellationToken);
        var buildings = await db.Buildings.GroupBy(b => b.GridId).Select(g => new { GridId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.GridId, x => x.Count, cancellationToken);
        var rooms = await db.Rooms.GroupBy(r => r.GridId).Select(g => new { GridId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.GridId, x => x.Count, cancellationToken);
        var places = await db.Places.GroupBy(p => p.GridId).Select(g => new { GridId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.GridId, x => x.Count, cancellationToken);
        var workers = await db.GridWorkers.Where(w => w.IsActive).GroupBy(w => w.GridId).Select(g => new { GridId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.GridId, x => x.Count, cancellationToken);
        var components = await db.CityComponents.GroupBy(c => new { c.GridId, c.MajorCode, c.MajorName })
            .Select(g => new { g.Key.GridId, g.Key.MajorCode, g.Key.MajorName, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var organizations = await db.Organizations
            .Where(o => o.Kind == OrganizationKind.PartyOrganization || o.Kind == OrganizationKind.VolunteerTeam || o.Kind == OrganizationKind.EmergencyTeam)
            .GroupBy(o => new { o.AreaCode, o.Kind, o.PartyTier })
            .Select(g => new { g.Key.AreaCode, g.Key.Kind, g.Key.PartyTier, Count = g.LongCount(), Members = g.Sum(o => (long)o.MemberCount) })
            .ToListAsync(cancellationToken);

        var gridCode = grids.ToDictionary(g => g.Id, g => g.Code);
        string CodeOf(int gridId) => gridCode.GetValueOrDefault(gridId) ?? string.Empty;
        var result = new Dictionary<string, NodeBaseFigures>(StringComparer.Ordinal);
        foreach (var code in nodeCodes.Distinct(StringComparer.Ordinal))
        {
            bool In(int gridId) => CodeOf(gridId).StartsWith(code, StringComparison.Ordinal);
            var orgs = organizations.Where(o => o.AreaCode.StartsWith(code, StringComparison.Ordinal)).ToList();
            result[code] = new NodeBaseFigures(
                PeopleCounts.Sum(people.Where(p => In(p.GridId))),
                buildings.Where(p => In(p.Key)).Sum(p => p.Value),
                rooms.Where(p => In(p.Key)).Sum(p => p.Value),
                places.Where(p => In(p.Key)).Sum(p => p.Value),
                [.. components.Where(c => In(c.GridId)).GroupBy(c => new { c.MajorCode, c.MajorName })
                    .OrderBy(g => g.Key.MajorCode, StringComparer.Ordinal)
                    .Select(g => new ComponentMajorTotal(g.Key.MajorCode, g.Key.MajorName, g.Sum(c => c.Count)))],
                orgs.Where(o => o.Kind == OrganizationKind.PartyOrganization && o.PartyTier is not null)
                    .GroupBy(o => o.PartyTier!.Value).ToDictionary(g => g.Key, g => g.Sum(o => o.Count)),
                workers.Where(p => In(p.Key)).Sum(p => p.Value),
                orgs.Where(o => o.Kind == OrganizationKind.VolunteerTeam).Sum(o => o.Count),
                orgs.Where(o => o.Kind == OrganizationKind.VolunteerTeam).Sum(o => o.Members),
                orgs.Where(o => o.Kind == OrganizationKind.EmergencyTeam).Sum(o => o.Count),
                orgs.Where(o => o.Kind == OrganizationKind.EmergencyTeam).Sum(o => o.Members));
        }
        return result;
    }
}
