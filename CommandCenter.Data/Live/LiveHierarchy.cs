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
