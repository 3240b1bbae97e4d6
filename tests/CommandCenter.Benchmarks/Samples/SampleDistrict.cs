using System.Globalization;
using CommandCenter.Data.Demo.Geometry;
using CommandCenter.Data.Demo.Names;
using CommandCenter.Data.Hierarchy;

namespace CommandCenter.Benchmarks.Samples;

/// <summary>One hierarchy node of the sample district, with its rectangle (west, south, east, north) in degrees.</summary>
public sealed record SampleNode(string Code, string Name, string Level, double West, double South, double East, double North)
{
    /// <summary>The counter-clockwise closed outer ring.</summary>
    public IReadOnlyList<GeoPoint> Ring =>
    [
        new(West, South), new(East, South), new(East, North), new(West, North), new(West, South),
    ];
}

/// <summary>
/// The hierarchy of the small sample district in <c>samples/</c>: a 3 × 2 km rectangle split into 2 streets,
/// 4 communities and 20 grids. Every child rectangle is cut from its parent with the same rounded lines, so
/// siblings share their edges exactly and tile the parent.
/// </summary>
public static class SampleDistrict
{
    public const string DistrictCode = "610104";
    public const string DistrictName = "示范区";

    private const double West = 108.8840;
    private const double East = 108.9166;
    private const double South = 34.2610;
    private const double North = 34.2791;

    private static readonly string[] StreetNames = ["桃园路街道", "红庙坡街道"];
    private static readonly string[] CommunityNames = ["劳动南路社区", "丰禾路社区", "星火路社区", "大庆路社区"];

    /// <summary>Grid lattice (columns × rows) of each community, 20 grids in all.</summary>
    private static readonly (int Columns, int Rows)[] Lattices = [(3, 2), (2, 2), (5, 1), (5, 1)];

    public static (SampleNode District, IReadOnlyList<SampleNode> Streets, IReadOnlyList<SampleNode> Communities, IReadOnlyList<SampleNode> Grids) Build()
    {
        var district = new SampleNode(DistrictCode, DistrictName, "district", West, South, East, North);
        var streets = new List<SampleNode>();
        var communities = new List<SampleNode>();
        var grids = new List<SampleNode>();
        var middle = Cut(West, East, 1, 2);
        for (var s = 0; s < 2; s++)
        {
            var street = new SampleNode(HierarchyCode.Street(DistrictCode, s + 1), StreetNames[s], "street",
                s == 0 ? West : middle, South, s == 0 ? middle : East, North);
            streets.Add(street);
            var split = Cut(South, North, 1, 2);
            for (var c = 0; c < 2; c++)
            {
                var index = (s * 2) + c;
                var community = new SampleNode(HierarchyCode.Child(street.Code, c + 1), CommunityNames[index], "community",
                    street.West, c == 0 ? South : split, street.East, c == 0 ? split : North);
                communities.Add(community);
                var (columns, rows) = Lattices[index];
                var sequence = 0;
                for (var row = 0; row < rows; row++)
                {
                    for (var column = 0; column < columns; column++)
                    {
                        sequence++;
                        grids.Add(new SampleNode(HierarchyCode.Child(community.Code, sequence), PlaceNames.GridName(community.Name, sequence), "grid",
                            Cut(community.West, community.East, column, columns), Cut(community.South, community.North, row, rows),
                            Cut(community.West, community.East, column + 1, columns), Cut(community.South, community.North, row + 1, rows)));
                    }
                }
            }
        }
        return (district, streets, communities, grids);
    }

    /// <summary>The i-th of n equal cuts of [from, to], rounded to 6 decimals (the ends are returned exactly).</summary>
    private static double Cut(double from, double to, int i, int n) =>
        i == 0 ? from : i == n ? to : Math.Round(from + ((to - from) * i / n), 6);

    /// <summary>A point inside the node, at least 10 % of its width and height from the edges.</summary>
    public static GeoPoint PointIn(Random random, SampleNode node) => new(
        Math.Round(node.West + ((node.East - node.West) * (0.1 + (0.8 * random.NextDouble()))), 6),
        Math.Round(node.South + ((node.North - node.South) * (0.1 + (0.8 * random.NextDouble()))), 6));

    public static string Coordinate(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
