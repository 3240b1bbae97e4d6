using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Hierarchy;

/// <summary>A hierarchy node with its stored GeoJSON boundary (a Polygon or MultiPolygon, as imported or generated).</summary>
public sealed record NodeBoundary(string Code, string Name, HierarchyLevel Level, string Boundary);

/// <summary>The boundaries of every district, street, community and grid, for maps drawn from the stored polygons.</summary>
public sealed class HierarchyBoundaries(IDbContextFactory<CommandCenterDbContext> contextFactory)
{
    /// <summary>All nodes, district first, then streets, communities and grids: four narrow reads.</summary>
    public async Task<IReadOnlyList<NodeBoundary>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var nodes = new List<NodeBoundary>();
        nodes.AddRange(await db.Districts.AsNoTracking()
            .Select(n => new NodeBoundary(n.Code, n.Name, HierarchyLevel.District, n.Boundary)).ToListAsync(cancellationToken));
        nodes.AddRange(await db.Streets.AsNoTracking()
            .Select(n => new NodeBoundary(n.Code, n.Name, HierarchyLevel.Street, n.Boundary)).ToListAsync(cancellationToken));
        nodes.AddRange(await db.Communities.AsNoTracking()
            .Select(n => new NodeBoundary(n.Code, n.Name, HierarchyLevel.Community, n.Boundary)).ToListAsync(cancellationToken));
        nodes.AddRange(await db.Grids.AsNoTracking()
            .Select(n => new NodeBoundary(n.Code, n.Name, HierarchyLevel.Grid, n.Boundary)).ToListAsync(cancellationToken));
        return nodes;
    }
}
