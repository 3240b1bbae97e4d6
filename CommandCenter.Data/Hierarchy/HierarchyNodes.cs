namespace CommandCenter.Data.Hierarchy;

/// <summary>The levels of the statistical hierarchy, from the district down to a household.</summary>
public enum HierarchyLevel
{
    District = 0,
    Street = 1,
    Community = 2,
    Grid = 3,
    Building = 4,
    Household = 5,
}

/// <summary>What every area node shares: a code that prefixes its children's codes, a name and a boundary.</summary>
public interface IAreaNode
{
    int Id { get; }
    string Code { get; }
    string Name { get; }
    /// <summary>GeoJSON Polygon geometry (WGS-84 longitude/latitude).</summary>
    string Boundary { get; }
    double CenterLatitude { get; }
    double CenterLongitude { get; }
}

/// <summary>区: 6-digit GB/T 2260 code.</summary>
public class District : IAreaNode
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Boundary { get; set; }
    public double CenterLatitude { get; set; }
    public double CenterLongitude { get; set; }
    public List<Street> Streets { get; set; } = [];
}

/// <summary>街道/镇: district code + 3 digits.</summary>
public class Street : IAreaNode
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public District? District { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Boundary { get; set; }
    public double CenterLatitude { get; set; }
    public double CenterLongitude { get; set; }
    public List<Community> Communities { get; set; } = [];
}

/// <summary>社区: street code + 3 digits.</summary>
public class Community : IAreaNode
{
    public int Id { get; set; }
    public int StreetId { get; set; }
    public Street? Street { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Boundary { get; set; }
    public double CenterLatitude { get; set; }
    public double CenterLongitude { get; set; }
    public List<Grid> Grids { get; set; } = [];
}

/// <summary>网格: community code + 3-digit sequence (15 characters).</summary>
public class Grid : IAreaNode
{
    public int Id { get; set; }
    public int CommunityId { get; set; }
    public Community? Community { get; set; }
    /// <summary>Denormalised for grouping without joins.</summary>
    public int StreetId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Boundary { get; set; }
    public double CenterLatitude { get; set; }
    public double CenterLongitude { get; set; }
    /// <summary>Area in square metres, computed from the boundary.</summary>
    public double AreaSquareMeters { get; set; }
}
