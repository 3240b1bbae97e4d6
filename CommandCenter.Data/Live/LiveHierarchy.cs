using CommandCenter.Data.Hierarchy;

namespace CommandCenter.Data.Live;

/// <summary>The area nodes by id, loaded with the live state (a few hundred rows), to place a grid's numbers on its path.</summary>
internal sealed class LiveHierarchy
{
    public sealed record Node(string Code, string Name);

    public sealed record GridNode(string Code, string Name, int CommunityId, int StreetId);

    public string DistrictCode { get; init; } = string.Empty;
    public string DistrictName { get; init; } = string.Empty;
    public Dictionary<int, Node> Streets { get; } = [];
    public Dictionary<int, Node> Communities { get; } = [];
    public Dictionary<int, GridNode> Grids { get; } = [];

    /// <summary>The codes a grid's numbers count towards: district, street, community, grid (only the district when the grid is unknown).</summary>
    public void PathOf(int gridId, List<string> path)
    {
        path.Clear();
        path.Add(DistrictCode);
        if (Grids.TryGetValue(gridId, out var grid))
        {
            if (Streets.TryGetValue(grid.StreetId, out var street))
            {
                path.Add(street.Code);
            }
            if (Communities.TryGetValue(grid.CommunityId, out var community))
            {
                path.Add(community.Code);
            }
            path.Add(grid.Code);
        }
    }

    public List<string> PathOf(int gridId)
    {
        var path = new List<string>(4);
        PathOf(gridId, path);
        return path;
    }
}

/// <summary>One value per area node (district, streets, communities, grids) by code, and the values on a grid's path.</summary>
internal sealed class PerNode<T>
{
    private readonly LiveHierarchy _hierarchy;
    private readonly List<string> _path = new(4);

    public PerNode(LiveHierarchy hierarchy, Func<string, string, HierarchyLevel, T> create)
    {
        _hierarchy = hierarchy;
        ByCode[hierarchy.DistrictCode] = create(hierarchy.DistrictCode, hierarchy.DistrictName, HierarchyLevel.District);
        foreach (var street in hierarchy.Streets.Values)
        {
            ByCode[street.Code] = create(street.Code, street.Name, HierarchyLevel.Street);
        }
        foreach (var community in hierarchy.Communities.Values)
        {
            ByCode[community.Code] = create(community.Code, community.Name, HierarchyLevel.Community);
        }
        foreach (var grid in hierarchy.Grids.Values)
        {
            ByCode[grid.Code] = create(grid.Code, grid.Name, HierarchyLevel.Grid);
        }
    }

    public Dictionary<string, T> ByCode { get; } = new(StringComparer.Ordinal);

    /// <summary>The values a grid's numbers count towards (district, street, community, grid). Not re-entrant.</summary>
    public IEnumerable<T> On(int gridId)
    {
        _hierarchy.PathOf(gridId, _path);
        foreach (var code in _path)
        {
            yield return ByCode[code];
        }
    }
}
