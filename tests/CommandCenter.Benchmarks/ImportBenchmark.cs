using System.Diagnostics;
using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Demo.IdNumbers;
using CommandCenter.Data.Imports;
using CommandCenter.Data.Places;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniExcelLibs;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Times the residents import on SQLite: a generated district (8 grids, 3,444 buildings), an XLSX of 296,166 residents
/// (about 131 k rooms), a dry run, then the applied import, then the same file again (0 inserted, 0 updated).
/// </summary>
internal static class ImportBenchmark
{
    public const int DefaultResidents = 296_166;
    private const int Buildings = 3_444;

    public static async Task<int> RunAsync(int residents, TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cc-import-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        try
        {
            await using (var db = DatabaseRegistration.CreateContext(DatabaseProvider.Sqlite, connection))
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                await BenchmarkDistrict.AddAsync(db);
                var grids = await db.Grids.OrderBy(g => g.Code).ToListAsync();
                db.Buildings.AddRange(Enumerable.Range(0, Buildings).Select(i => new Building
                {
                    GridId = grids[i % grids.Count].Id, Code = BuildingCode(grids[i % grids.Count].Code, i), Name = $"{i + 1}号楼",
                    Address = $"青年路{i + 1}号", Floors = 6, Units = 2, Latitude = 35.005, Longitude = 109.005,
                }));
                await db.SaveChangesAsync();
            }

            var file = Path.Combine(folder, "residents.xlsx");
            var generate = Stopwatch.StartNew();
            MiniExcel.SaveAs(file, Rows(residents), excelType: ExcelType.XLSX);
            generate.Stop();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated {residents} rows in {generate.Elapsed.TotalSeconds:F1}s ({new FileInfo(file).Length / (1024 * 1024)} MiB)"));

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:CommandCenter"] = connection,
                ["Imports:Folder"] = Path.Combine(folder, "imports"),
            }).Build();
            var services = new ServiceCollection().AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
                .AddCommandCenterData(configuration).BuildServiceProvider();
            await using (services)
            {
                foreach (var (label, dryRun) in new[] { ("dry run", true), ("apply", false), ("re-import", false) })
                {
                    var (status, seconds, run) = await TimeAsync(services, file, ImportKind.Residents, "residents.xlsx", dryRun);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{label}: {status} in {seconds:F1}s — total {run.TotalRows}, inserted {run.Inserted}, updated {run.Updated}, rejected {run.Rejected}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB"));
                }
                await using var db = DatabaseRegistration.CreateContext(DatabaseProvider.Sqlite, connection);
                output.WriteLine($"rows: residents {await db.Residents.CountAsync()}, rooms {await db.Rooms.CountAsync()}, households {await db.Households.CountAsync()}");
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Stores the file, queues a run for it and runs it; returns how long the run took and the run as it ended.</summary>
    internal static async Task<(ImportStatus Status, double Seconds, ImportRun Run)> TimeAsync(IServiceProvider services, string file, ImportKind kind, string fileName, bool dryRun)
    {
        var store = services.GetRequiredService<ImportFileStore>();
        await using var source = File.OpenRead(file);
        var (stored, size) = await store.SaveAsync(source, fileName, CancellationToken.None);
        var factory = services.GetRequiredService<IDbContextFactory<CommandCenterDbContext>>();
        long id;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var run = new ImportRun { Kind = kind, DryRun = dryRun, FileName = fileName, FileSize = size, StoredFile = stored, CreatedBy = "benchmark", CreatedAt = DateTime.UtcNow };
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync();
            id = run.Id;
        }
        var clock = Stopwatch.StartNew();
        await services.GetRequiredService<ImportRunner>().RunAsync(id, CancellationToken.None);
        clock.Stop();
        await using var read = await factory.CreateDbContextAsync();
        var done = await read.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == id);
        return (done.Status, clock.Elapsed.TotalSeconds, done);
    }

    private static string BuildingCode(string gridCode, int index) => gridCode + (index + 1).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>About 2.25 residents per room, 38 rooms per building (unit-floor-room numbers).</summary>
    private static IEnumerable<Dictionary<string, object>> Rows(int count)
    {
        string[] groups = ["", "", "", "60岁以上", "60岁以上,独居", "未成年", "残疾", "留守", "特殊关爱"];
        for (var i = 0; i < count; i++)
        {
            var roomIndex = (int)(i / 2.254);
            var building = roomIndex / 38 % Buildings;
            var room = roomIndex % 38;
            var gridCode = BenchmarkDistrict.GridCode((building % 8) + 1);
            yield return new Dictionary<string, object>
            {
                ["姓名"] = $"居民{i}",
                ["身份证号"] = CitizenIdNumber.Create("610202", new DateOnly(1930, 1, 1).AddDays(i % 30_000), i % 2 == 0, i / 30_000),
                ["手机号"] = $"13{i:D9}",
                ["网格编码"] = gridCode,
                ["楼栋编号"] = BuildingCode(gridCode, building),
                ["房号"] = $"{(room / 19) + 1}-{(room % 19 / 4) + 1}-{room:D4}",
                ["人口类型"] = i % 10 == 0 ? "流动" : "户籍",
                ["重点人群"] = groups[i % groups.Length],
                ["党员"] = i % 12 == 0 ? "是" : "否",
            };
        }
    }
}
