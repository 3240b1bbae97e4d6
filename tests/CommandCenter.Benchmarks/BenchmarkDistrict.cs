using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;

namespace CommandCenter.Benchmarks;

/// <summary>The small district the intake and fan-out benchmarks run on: 610202, one street, one community, 8 square grids.</summary>
internal static class BenchmarkDistrict
{
    public const string Code = "610202";
    private const string Square = """{"type":"Polygon","coordinates":[[[109.0,35.0],[109.01,35.0],[109.01,35.01],[109.0,35.01],[109.0,35.0]]]}""";

    /// <summary>Grid n (1–8): 610202001001001 … 610202001001008.</summary>
    public static string GridCode(int n) => $"610202001001{n:000}";

    /// <summary>Adds the district, its street and community and the 8 grids (the context's other pending changes are saved too).</summary>
    public static async Task AddAsync(CommandCenterDbContext db)
    {
        var district = new District { Code = Code, Name = "王益区", Boundary = Square };
        var street = new Street { District = district, Code = "610202001", Name = "七一路街道", Boundary = Square };
        var community = new Community { Street = street, Code = "610202001001", Name = "青年路社区", Boundary = Square };
        db.Add(community);
        await db.SaveChangesAsync();
        db.Grids.AddRange(Enumerable.Range(1, 8).Select(i => new Grid
        {
            CommunityId = community.Id, StreetId = street.Id, Code = GridCode(i), Name = $"第{i}网格", Boundary = Square,
        }));
        await db.SaveChangesAsync();
    }
}
