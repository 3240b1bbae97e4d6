using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommandCenter.Data;
using CommandCenter.Data.Imports;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Times the boundary import on SQLite: a generated GeoJSON of one district, 8 streets, 57 communities and 455 grids
/// (rectangles with 100 vertices each, as traced boundaries have), applied once and then imported again.
/// </summary>
internal static class HierarchyImportBenchmark
{
    private const int Communities = 57;
    private const int Grids = 455;
    private const double Size = 0.04;

    public static async Task<int> RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cc-hierarchy-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        try
        {
            await using (var db = DatabaseRegistration.CreateContext(DatabaseProvider.Sqlite, connection))
            {
                await db.Database.MigrateAsync();
            }
            var file = Path.Combine(folder, "district.geojson");
            await File.WriteAllTextAsync(file, GeoJson());
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:CommandCenter"] = connection,
                ["Imports:Folder"] = Path.Combine(folder, "imports"),
            }).Build();
            await using var services = new ServiceCollection().AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
                .AddCommandCenterData(configuration).BuildServiceProvider();
            foreach (var label in new[] { "apply", "re-import" })
            {
                var (status, seconds, run) = await ImportBenchmark.TimeAsync(services, file, ImportKind.Hierarchy, "district.geojson", dryRun: false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"hierarchy {label}: {status} in {seconds:F2}s — {run.TotalRows} features, inserted {run.Inserted}, updated {run.Updated}, rejected {run.Rejected} ({new FileInfo(file).Length / 1024} KiB)"));
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string GeoJson()
    {
        var features = new List<string>();
        var columns = (Communities + 7) / 8;
        features.Add(Feature(BenchmarkDistrict.Code, "基准区", "district", 109, 35, columns * Size, 8 * Size));
        var grids = 0;
        for (var c = 0; c < Communities; c++)
        {
            var street = c / 8;
            var streetCode = BenchmarkDistrict.Code + (street + 1).ToString("D3", CultureInfo.InvariantCulture);
            if (c % 8 == 0)
            {
                var inStreet = Math.Min(8, Communities - c);
                features.Add(Feature(streetCode, $"{street + 1}街道", "street", 109 + (street * Size), 35, Size, inStreet * Size));
            }
            var communityCode = streetCode + ((c % 8) + 1).ToString("D3", CultureInfo.InvariantCulture);
            var (west, south) = (109 + (street * Size), 35 + (c % 8 * Size));
            features.Add(Feature(communityCode, $"{c + 1}社区", "community", west, south, Size, Size));
            for (var g = 0; g < 8 && grids < Grids; g++, grids++)
            {
                features.Add(Feature(communityCode + (g + 1).ToString("D3", CultureInfo.InvariantCulture), $"{grids + 1}网格", "grid",
                    west + (g % 4 * Size / 4), south + (g / 4 * Size / 2), Size / 4, Size / 2));
            }
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",\n", features) + "]}";
    }

    /// <summary>A rectangle traced with 25 points per side.</summary>
    private static string Feature(string code, string name, string level, double west, double south, double width, double height)
    {
        var ring = new StringBuilder();
        (double X, double Y)[] corners = [(west, south), (west + width, south), (west + width, south + height), (west, south + height)];
        for (var side = 0; side < 4; side++)
        {
            var (a, b) = (corners[side], corners[(side + 1) % 4]);
            for (var i = 0; i < 25; i++)
            {
                var t = i / 25.0;
                ring.Append(string.Create(CultureInfo.InvariantCulture, $"[{a.X + ((b.X - a.X) * t):F7},{a.Y + ((b.Y - a.Y) * t):F7}],"));
            }
        }
        ring.Append(string.Create(CultureInfo.InvariantCulture, $"[{west:F7},{south:F7}]"));
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"level\":\"" + level
            + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}";
    }
}
