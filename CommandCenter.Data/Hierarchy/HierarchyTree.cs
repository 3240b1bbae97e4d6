using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Hierarchy;

/// <summary>An area node with the nodes below it (district → streets → communities → grids).</summary>
public sealed record HierarchyTreeNode(string Code, string Name, HierarchyLevel Level, IReadOnlyList<HierarchyTreeNode> Children);

/// <summary>The whole area hierarchy as a tree, for scope pickers: four small queries, codes and names only.</summary>
public static class HierarchyTree
{
    public static async Task<IReadOnlyList<HierarchyTreeNode>> LoadAsync(CommandCenterDbContext db, CancellationToken cancellationToken = default)
    {
        var grids = (await db.Grids.AsNoTracking().OrderBy(g => g.Code).Select(g => new { g.Code, g.Name }).ToListAsync(cancellationToken))
            .ToLookup(g => g.Code[..HierarchyCode.CommunityLength], g => new HierarchyTreeNode(g.Code, g.Name, HierarchyLevel.Grid, []));
        var communities = (await db.Communities.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.Name }).ToListAsync(cancellationToken))
            .ToLookup(c => c.Code[..HierarchyCode.StreetLength], c => new HierarchyTreeNode(c.Code, c.Name, HierarchyLevel.Community, [.. grids[c.Code]]));
        var streets = (await db.Streets.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Code, s.Name }).ToListAsync(cancellationToken))
            .ToLookup(s => s.Code[..HierarchyCode.DistrictLength], s => new HierarchyTreeNode(s.Code, s.Name, HierarchyLevel.Street, [.. communities[s.Code]]));
        return [.. (await db.Districts.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken))
            .Select(d => new HierarchyTreeNode(d.Code, d.Name, HierarchyLevel.District, [.. streets[d.Code]]))];
    }

    /// <summary>True when <paramref name="code"/> is an existing district, street, community or grid.</summary>
    public static async Task<bool> ExistsAsync(CommandCenterDbContext db, string code, CancellationToken cancellationToken = default) =>
        HierarchyCode.LevelOf(code) switch
        {
            HierarchyLevel.District => await db.Districts.AnyAsync(n => n.Code == code, cancellationToken),
            HierarchyLevel.Street => await db.Streets.AnyAsync(n => n.Code == code, cancellationToken),
            HierarchyLevel.Community => await db.Communities.AnyAsync(n => n.Code == code, cancellationToken),
            HierarchyLevel.Grid => await db.Grids.AnyAsync(n => n.Code == code, cancellationToken),
            _ => false,
        };
}
