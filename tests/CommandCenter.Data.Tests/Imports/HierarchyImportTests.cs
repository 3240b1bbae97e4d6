using System.Globalization;
using System.Text;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Imports;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Tests.Imports;

public class HierarchyImportTests
{
    private static string Square(double x, double y, double size) => Ring((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y));

    private static string Ring(params (double X, double Y)[] points) =>
        "[[" + string.Join(",", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.X},{p.Y}]"))) + "]]";

    private static string Feature(string code, string name, string level, string rings, string type = "Polygon") =>
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"level\":\"" + level
        + "\"},\"geometry\":{\"type\":\"" + type + "\",\"coordinates\":" + rings + "}}";

    private static byte[] Collection(params string[] features) =>
        Encoding.UTF8.GetBytes($$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");

    /// <summary>A district, a street and a community on [110,111]×[34,35], with two grids splitting the community.</summary>
    private static string[] District(string gridName = "东网格", double eastEdge = 111) =>
    [
        Feature("610303", "测试区", "district", Square(110, 34, 1)),
        Feature("610303001", "一街道", "street", Square(110, 34, 1)),
        Feature("610303001001", "一社区", "community", Square(110, 34, 1)),
        Feature("610303001001001", "西网格", "grid", Ring((110, 34), (110.5, 34), (110.5, 35), (110, 35), (110, 34))),
        Feature("610303001001002", gridName, "grid", Ring((110.5, 34), (eastEdge, 34), (eastEdge, 35), (110.5, 35), (110.5, 34))),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_boundary_file_imports_and_a_re_import_updates_names_and_geometry(DatabaseProvider provider)
    {
        await using var harness = await ImportHarness.CreateAsync(provider, withBuilding: false);
        var (first, errors) = await harness.RunAsync(ImportKind.Hierarchy, "district.geojson", Collection(District()));
        Assert.Equal(ImportStatus.Succeeded, first.Status);
        Assert.Empty(errors);
        Assert.Equal((5, 5, 0), (first.TotalRows, first.Inserted, first.Updated));
        await using (var db = harness.Database.CreateContext())
        {
            var grid = await db.Grids.SingleAsync(g => g.Code == "610303001001002");
            var community = await db.Communities.SingleAsync(c => c.Code == "610303001001");
            Assert.Equal(community.Id, grid.CommunityId);
            Assert.Equal(community.StreetId, grid.StreetId);
            Assert.InRange(grid.AreaSquareMeters, 4.0e9, 5.5e9);
            Assert.Equal(110.75, grid.CenterLongitude, 6);
            Assert.Equal(2, GeoJsonPolygon.ParseOuterRing(grid.Boundary).Length == 5 ? 2 : 0);
        }

        var (same, _) = await harness.RunAsync(ImportKind.Hierarchy, "district.geojson", Collection(District()));
        Assert.Equal((0, 0), (same.Inserted, same.Updated));

        var (changed, _) = await harness.RunAsync(ImportKind.Hierarchy, "district.geojson", Collection(District("新东网格", eastEdge: 110.9)));
        Assert.Equal((0, 1), (changed.Inserted, changed.Updated));
        await using (var db = harness.Database.CreateContext())
        {
            var grid = await db.Grids.SingleAsync(g => g.Code == "610303001001002");
            Assert.Equal("新东网格", grid.Name);
            Assert.Equal(110.7, grid.CenterLongitude, 6);
            Assert.Contains(GeoJsonPolygon.ParseOuterRing(grid.Boundary), p => p.X == 110.9);
        }
    }

    [Fact]
    public async Task Bad_features_are_rejected_with_their_reason_and_the_good_ones_apply()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite, withBuilding: false);
        var features = District().Concat(
        [
            Feature("610303001001003", "未闭合", "grid", Ring((110.1, 34.1), (110.2, 34.1), (110.2, 34.2), (110.1, 34.2))),            // 6
            Feature("610303001001004", "自相交", "grid", Ring((110.1, 34.1), (110.2, 34.2), (110.2, 34.1), (110.1, 34.2), (110.1, 34.1))), // 7
            Feature("610303001001005", "出界", "grid", Square(110.9, 34.9, 0.3)),                                                       // 8
            Feature("61030300100", "坏编码", "grid", Square(110.1, 34.1, 0.1)),                                                         // 9
            Feature("610303009001001", "无上级", "grid", Square(110.1, 34.1, 0.1)),                                                     // 10
            Feature("610303001001006", "坐标越界", "grid", Square(190, 34.1, 0.1)),                                                     // 11
            Feature("610303001001007", "线", "grid", "[[110,34],[111,35]]", "LineString"),                                              // 12
            Feature("610303001001001", "重复", "grid", Square(110.1, 34.1, 0.1)),                                                       // 13
        ]).ToArray();
        var (run, errors) = await harness.RunAsync(ImportKind.Hierarchy, "district.geojson", Collection(features));

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal((13, 5, 8), (run.TotalRows, run.Inserted, run.Rejected));
        string At(int row) => string.Join(" | ", errors.Where(e => e.Row == row).Select(e => e.Message));
        Assert.Contains("闭合", At(6));
        Assert.Contains("自相交", At(7));
        Assert.Contains("超出所属社区", At(8));
        Assert.Contains("位数字", At(9));
        Assert.Contains("上级区划", At(10));
        Assert.Contains("超出范围", At(11));
        Assert.Contains("Polygon", At(12));
        Assert.Contains("重复", At(13));
    }

    [Fact]
    public async Task Overlapping_sibling_grids_are_reported_with_the_shared_area()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite, withBuilding: false);
        var features = District().Take(4).Append(
            Feature("610303001001002", "东网格", "grid", Ring((110.4, 34), (111, 34), (111, 35), (110.4, 35), (110.4, 34)))).ToArray();
        var (run, errors) = await harness.RunAsync(ImportKind.Hierarchy, "district.geojson", Collection(features));
        Assert.Equal((5, 0), (run.Inserted, run.Rejected));
        var warning = Assert.Single(errors);
        Assert.Contains("重叠约", warning.Message);
        // 0.1° × 1° at 34.5° N ≈ 9.1 km × 110.6 km ≈ 1.0e9 m².
        var area = double.Parse(warning.Message.Split("重叠约 ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.InRange(area, 0.85e9, 1.15e9);
    }

    [Fact]
    public async Task A_multipolygon_keeps_its_largest_polygon_and_non_geojson_is_refused()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite, withBuilding: false);
        var multi = "[" + Square(110.0, 34.0, 1) + "," + Square(112, 34, 0.1) + "]";
        var (run, _) = await harness.RunAsync(ImportKind.Hierarchy, "d.geojson", Collection(Feature("610304", "多块区", "district", multi, "MultiPolygon")));
        Assert.Equal(1, run.Inserted);
        await using (var db = harness.Database.CreateContext())
        {
            var ring = GeoJsonPolygon.ParseOuterRing((await db.Districts.SingleAsync(d => d.Code == "610304")).Boundary);
            Assert.Contains(ring, p => p.X == 111);
        }
        var (bad, _) = await harness.RunAsync(ImportKind.Hierarchy, "d.geojson", Encoding.UTF8.GetBytes("""{"type":"Feature"}"""));
        Assert.Equal(ImportStatus.Failed, bad.Status);
        Assert.Contains("FeatureCollection", bad.Message);
    }
}
