using System.Text;
using CommandCenter.Data.Analytics;
using CommandCenter.Data.Demo.IdNumbers;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Imports;
using CommandCenter.Data.Imports.Kinds;
using CommandCenter.Data.Live;
using CommandCenter.Data.Places;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Imports;

/// <summary>A real database, a temporary upload folder and the real runner; files go in as bytes, runs come out with their errors.</summary>
public sealed class ImportHarness : IAsyncDisposable
{
    public const string GridCode = "610202001001001";
    public const string BuildingCode = "6102020010010010001";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cc-imports-{Guid.NewGuid():N}");

    private ImportHarness(TestDatabase database, IDbContextFactory<CommandCenterDbContext> factory, int batchSize)
    {
        Database = database;
        Factory = factory;
        Options = new ImportOptions { Folder = _folder, BatchSize = batchSize };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 4, 0, 0, TimeSpan.Zero));
        Files = new ImportFileStore(Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(new DatabaseOptions()));
        Feed = new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance);
        Feed.Subscribe(n =>
        {
            Notices.Add(n);
            return ValueTask.CompletedTask;
        });
        var kinds = new ImportKinds(new HierarchyImport(),
            [new BuildingImport(), new RoomImport(), new HouseholdImport(), new ResidentImport(), new PlaceImport(), new ComponentImport(), new OrganizationImport(), new StaffImport()]);
        var aftermath = new ImportAftermath(new GridLocator(factory), new NodeSnapshotBuilder(factory, time, NullLogger<NodeSnapshotBuilder>.Instance), Feed, time, NullLogger<ImportAftermath>.Instance);
        Runner = new ImportRunner(factory, Files, kinds, aftermath, Microsoft.Extensions.Options.Options.Create(Options), time, NullLogger<ImportRunner>.Instance);
    }

    public TestDatabase Database { get; }
    public IDbContextFactory<CommandCenterDbContext> Factory { get; }
    public ImportOptions Options { get; }
    public ImportFileStore Files { get; }
    public InProcessLiveFeed Feed { get; }
    public List<ChangeNotice> Notices { get; } = [];
    public ImportRunner Runner { get; }

    public static async Task<ImportHarness> CreateAsync(DatabaseProvider provider, int batchSize = 5_000, bool withBuilding = true)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var grid = await SampleData.AddGridAsync(db);
            if (withBuilding)
            {
                db.Buildings.Add(new Building { GridId = grid.Id, Code = BuildingCode, Name = "1号楼", Address = "青年路1号", Floors = 6, Units = 2, Latitude = 35.005, Longitude = 109.005 });
                await db.SaveChangesAsync();
            }
        }
        IDbContextFactory<CommandCenterDbContext> factory = new TestContextFactory(database);
        return new ImportHarness(database, factory, batchSize);
    }

    public async Task<(ImportRun Run, List<ImportRowError> Errors)> RunAsync(ImportKind kind, string fileName, byte[] content, bool dryRun = false)
    {
        var (stored, size) = await Files.SaveAsync(new MemoryStream(content), fileName, CancellationToken.None);
        long id;
        await using (var db = Database.CreateContext())
        {
            var run = new ImportRun { Kind = kind, DryRun = dryRun, FileName = fileName, FileSize = size, StoredFile = stored, CreatedBy = "test", CreatedAt = DateTime.UtcNow };
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync();
            id = run.Id;
        }
        await Runner.RunAsync(id, CancellationToken.None);
        return await ReadAsync(id);
    }

    public async Task<(ImportRun Run, List<ImportRowError> Errors)> ReadAsync(long id)
    {
        await using var db = Database.CreateContext();
        var run = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == id);
        var errors = await db.ImportRowErrors.AsNoTracking().Where(e => e.ImportRunId == id).OrderBy(e => e.Row).ThenBy(e => e.Id).ToListAsync();
        return (run, errors);
    }

    /// <summary>A CSV in UTF-8 (optionally with BOM) or another encoding.</summary>
    public static byte[] Csv(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows, Encoding? encoding = null, bool bom = false)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", headers)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(",", row.Select(c => c.Contains(',') ? $"\"{c}\"" : c))).Append("\r\n");
        }
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text.ToString());
        return bom ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes;
    }

    public static readonly string[] ResidentHeaders = ["姓名", "身份证号", "手机号", "网格编码", "楼栋编号", "房号", "人口类型", "重点人群", "党员"];

    /// <summary>A valid resident row; the index picks the ID number and the room.</summary>
    public static string[] Resident(int index, string? name = null) =>
    [
        name ?? $"居民{index}",
        CitizenIdNumber.Create("610202", new DateOnly(1950, 1, 1).AddDays(index), index % 2 == 0, index % 500),
        $"139{index:D8}",
        GridCode,
        BuildingCode,
        $"1-{1 + (index / 4 % 6)}-0{1 + (index / 4 % 6)}0{1 + (index % 4)}",
        "户籍",
        index % 3 == 0 ? "60岁以上,独居" : "",
        index % 5 == 0 ? "是" : "否",
    ];

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
