using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Incidents;

public class IncidentIntakeServiceTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 17, 0, 0, DateTimeKind.Utc);
    private static readonly IncidentActor Worker = new(null, "网格员");

    private static async Task<IncidentIntakeService> ArrangeAsync(TestDatabase database)
    {
        await using (var db = database.CreateContext())
        {
            await SampleData.AddGridAsync(db);
            db.IncidentCategories.Add(new IncidentCategory { Code = "E0401", Kind = CategoryKind.Event, MajorCode = "04", MajorName = "街面秩序", MinorCode = "01", MinorName = "无照经营游商" });
            db.IncidentCategories.Add(new IncidentCategory { Code = "E0402", Kind = CategoryKind.Event, MajorCode = "04", MajorName = "街面秩序", MinorCode = "02", MinorName = "停用", IsActive = false });
            await db.SaveChangesAsync();
        }
        var factory = new TestContextFactory(database);
        return new IncidentIntakeService(factory, new GridLocator(factory), Options.Create(new SlaOptions()), new FakeTimeProvider(Now));
    }

    private static IncidentReport Report(string? gridCode = "610202001001001", double? lat = null, double? lon = null) => new()
    {
        Title = "流动摊贩占道经营",
        Description = "青年路口有三处流动摊贩。",
        Source = SourceChannel.Hotline12345,
        CategoryCode = "E0401",
        GridCode = gridCode,
        Latitude = lat,
        Longitude = lon,
        ReporterName = "李四",
        ReporterPhone = "13800001234",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_report_is_committed_with_clocks_number_and_first_history(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var intake = await ArrangeAsync(database);

        var byCode = await intake.ReportAsync(Report(), Worker, null);
        var byPoint = await intake.ReportAsync(Report(gridCode: null, lat: 35.005, lon: 109.005), Worker, "610202001");

        Assert.True(byCode.Succeeded);
        Assert.True(byPoint.Succeeded);
        await using var db = database.CreateContext();
        var stored = await db.Incidents.Include(x => x.History).OrderBy(x => x.Id).ToListAsync();
        Assert.Equal(["20261123000001", "20261123000002"], stored.Select(x => x.Number)); // local date in China
        Assert.All(stored, x =>
        {
            Assert.Equal(Now.AddMinutes(15), x.RespondDueAt);
            Assert.Equal(Now.AddHours(24), x.ResolveDueAt);
            Assert.Equal(IncidentAction.Report, Assert.Single(x.History).Action);
            Assert.Equal(1, x.Version);
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Parallel_reports_get_distinct_numbers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var intake = await ArrangeAsync(database);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => intake.ReportAsync(Report(), Worker, null))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        await using var db = database.CreateContext();
        Assert.Equal(8, await db.Incidents.Select(x => x.Number).Distinct().CountAsync());
    }

    [Fact]
    public async Task Bad_places_categories_and_scopes_are_refused_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var intake = await ArrangeAsync(database);

        Assert.Contains("latitude", (await intake.ReportAsync(Report(gridCode: null, lat: 39.9, lon: 116.4), Worker, null)).Errors!.Keys);
        Assert.Contains("gridCode", (await intake.ReportAsync(Report(gridCode: "610202001001999"), Worker, null)).Errors!.Keys);
        Assert.Contains("categoryCode", (await intake.ReportAsync(Report() with { CategoryCode = "E0402" }, Worker, null)).Errors!.Keys);
        Assert.Equal(IntakeStatus.OutOfScope, (await intake.ReportAsync(Report(), Worker, "610202002")).Status);

        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Incidents.CountAsync());
    }

    [Fact]
    public async Task Cached_reference_data_follows_edits_new_rows_at_once_and_deactivation_within_the_cache_lifetime()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.CreateContext())
        {
            await SampleData.AddGridAsync(db);
            db.IncidentCategories.Add(new IncidentCategory { Code = "E0401", Kind = CategoryKind.Event, MajorCode = "04", MajorName = "街面秩序", MinorCode = "01", MinorName = "无照经营游商" });
            await db.SaveChangesAsync();
        }
        var factory = new TestContextFactory(database);
        var clock = new FakeTimeProvider(Now);
        var intake = new IncidentIntakeService(factory, new GridLocator(factory), Options.Create(new SlaOptions()), clock);
        Assert.True((await intake.ReportAsync(Report(), Worker, null)).Succeeded); // loads both caches

        await using (var db = database.CreateContext())
        {
            db.IncidentCategories.Add(new IncidentCategory { Code = "E0403", Kind = CategoryKind.Event, MajorCode = "04", MajorName = "街面秩序", MinorCode = "03", MinorName = "占道废品收购" });
            var grid = await db.Grids.SingleAsync();
            db.Grids.Add(new Grid { Code = "610202001001002", Name = "第二网格", CommunityId = grid.CommunityId, StreetId = grid.StreetId, Boundary = grid.Boundary });
            await db.IncidentCategories.Where(c => c.Code == "E0401").ExecuteUpdateAsync(u => u.SetProperty(c => c.IsActive, false));
            await db.SaveChangesAsync();
        }

        var added = await intake.ReportAsync(Report(gridCode: "610202001001002") with { CategoryCode = "E0403" }, Worker, null);
        Assert.True(added.Succeeded, "A category or grid added after the caches loaded is found at once.");
        Assert.Equal("610202001001002", added.GridCode);
        Assert.True((await intake.ReportAsync(Report(), Worker, null)).Succeeded, "Within the cache lifetime the old state may still be used.");

        clock.Advance(IncidentIntakeService.CategoryCacheLifetime + TimeSpan.FromSeconds(1));
        Assert.Contains("categoryCode", (await intake.ReportAsync(Report(), Worker, null)).Errors!.Keys);
    }

    [Theory]
    [InlineData("title", "")]
    [InlineData("title", "bell\u0007")]
    [InlineData("reporterPhone", "１３８００００１２３４")]
    [InlineData("reporterPhone", "13800'; DROP TABLE")]
    [InlineData("gridCode", "６１０２０２００１００１００１")]
    [InlineData("latitude", "91")]
    [InlineData("reportedAt", "future")]
    public void Malformed_fields_are_named(string field, string value)
    {
        var report = Report();
        report = field switch
        {
            "title" => report with { Title = value },
            "reporterPhone" => report with { ReporterPhone = value },
            "gridCode" => report with { GridCode = value },
            "latitude" => report with { GridCode = null, Latitude = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Longitude = 109 },
            _ => report with { ReportedAt = Now.AddHours(1) },
        };
        Assert.Contains(field, IncidentReportValidation.Validate(report, Now).Keys);
        Assert.Empty(IncidentReportValidation.Validate(Report(), Now));
        Assert.Contains("title", IncidentReportValidation.Validate(Report() with { Title = new string('长', 100_000) }, Now).Keys);
    }
}
