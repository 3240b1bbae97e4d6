using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// Reads the totals with a few grouped queries (one scan per table, index-only where the indexes cover them).
    /// <paramref name="yearStartUtc"/> is the start of the current year in the district's time zone, as UTC.
    /// </summary>
    public static async Task<DistrictTotals> QueryAsync(
        IDbContextFactory<CommandCenterDbContext> contextFactory, int year, DateTime yearStartUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
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
}
