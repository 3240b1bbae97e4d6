using CommandCenter.Data;
using CommandCenter.Data.Analytics;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using CommandCenter.Jobs.Analytics;
using CommandCenter.Jobs.Scheduling;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Jobs.Tests.Analytics;

public sealed class AnalyticsJobsTests : IAsyncLifetime
{
    private const string Square = """{"type":"Polygon","coordinates":[[[109.0,35.0],[109.01,35.0],[109.01,35.01],[109.0,35.01],[109.0,35.0]]]}""";
    private JobsTestServices _host = null!;

    public async Task InitializeAsync() => _host = await JobsTestServices.CreateAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_hosted_service_registers_the_hourly_rollup_and_the_nightly_snapshot_and_triggers_the_rollup()
    {
        foreach (var hosted in _host.Services.GetServices<IHostedService>().OfType<RecurringJobRegistration>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var storage = _host.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var recurring = connection.GetRecurringJobs();
        var rollup = Assert.Single(recurring, j => j.Id == RecurringJobRegistration.AnalyticsRollupId);
        Assert.Equal(Cron.Hourly(5), rollup.Cron);
        Assert.Equal(typeof(AnalyticsRollupJob), rollup.Job.Type);
        Assert.NotNull(rollup.LastJobId); // triggered at start
        var snapshot = Assert.Single(recurring, j => j.Id == RecurringJobRegistration.NodeSnapshotId);
        Assert.Equal(Cron.Daily(16, 30), snapshot.Cron);
        Assert.Equal(typeof(NodeSnapshotJob), snapshot.Job.Type);
    }

    [Fact]
    public async Task The_rollup_job_counts_new_incidents_takes_a_missing_snapshot_and_is_idempotent()
    {
        var factory = _host.Services.GetRequiredService<IDbContextFactory<CommandCenterDbContext>>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var grid = await AddGridWithPeopleAsync(db);
            var category = new IncidentCategory { Code = "E0101", Kind = CategoryKind.Event, MajorCode = "01", MajorName = "市容环境", MinorCode = "01", MinorName = "私搭乱建" };
            db.Add(category);
            await db.SaveChangesAsync();
            foreach (var minutes in new[] { 90, 60, 30 })
            {
                var at = now.AddMinutes(-minutes);
                db.Incidents.Add(new Incident
                {
                    Number = $"T{minutes:D6}", Title = "私搭乱建", Description = "测试", Source = SourceChannel.GridWorker, CategoryId = category.Id,
                    GridId = grid.Id, CommunityId = grid.CommunityId, StreetId = grid.StreetId, ReportedAt = at, UpdatedAt = at,
                    RespondDueAt = at.AddMinutes(15), ReplyDueAt = at.AddMinutes(30), ResolveDueAt = at.AddHours(24), Version = 1,
                });
            }
            await db.SaveChangesAsync();
        }

        using var scope = _host.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<AnalyticsRollupJob>();
        await job.RunAsync(CancellationToken.None);
        var first = await ReadAsync(factory);
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(first, await ReadAsync(factory));

        Assert.Equal(3, first.Received);
        Assert.Equal(2, first.Residents); // today's snapshot of the grid was taken
        Assert.Equal(1, first.Snapshots);

        // The on-demand rebuild of the range gives the same rows.
        var today = ChinaDay.Of(now);
        await scope.ServiceProvider.GetRequiredService<AnalyticsRebuildJob>()
            .RunAsync(today.AddDays(-2).ToString("yyyy-MM-dd"), today.AddDays(1).ToString("yyyy-MM-dd"), CancellationToken.None);
        Assert.Equal(first, await ReadAsync(factory));
    }

    [Fact]
    public void A_rebuild_is_queued_with_readable_dates()
    {
        var client = _host.Services.GetRequiredService<IBackgroundJobClient>();
        var id = AnalyticsRebuildJob.Enqueue(client, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));

        using var connection = _host.Services.GetRequiredService<JobStorage>().GetConnection();
        var data = connection.GetJobData(id);
        Assert.Equal(typeof(AnalyticsRebuildJob), data.Job.Type);
        Assert.Equal(["2026-01-01", "2026-01-31"], data.Job.Args.Take(2).Cast<string>());
    }

    private static async Task<(int Received, int RollupRows, int Residents, int Snapshots)> ReadAsync(IDbContextFactory<CommandCenterDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var rows = await db.Set<IncidentRollup>().Where(r => r.Granularity == RollupGranularity.Day).ToListAsync();
        var grid = await db.Set<NodeSnapshot>().Where(s => s.Level == HierarchyLevel.Grid).ToListAsync();
        return (rows.Sum(r => r.Received), await db.Set<IncidentRollup>().CountAsync(), grid.Sum(s => s.Residents), grid.Count);
    }

    private static async Task<Grid> AddGridWithPeopleAsync(CommandCenterDbContext db)
    {
        var district = new District { Code = "610202", Name = "王益区", Boundary = Square };
        var street = new Street { District = district, Code = "610202001", Name = "七一路街道", Boundary = Square };
        var community = new Community { Street = street, Code = "610202001001", Name = "青年路社区", Boundary = Square };
        var grid = new Grid { Community = community, Code = "610202001001001", Name = "第一网格", Boundary = Square };
        db.AddRange(district, street, community, grid);
        await db.SaveChangesAsync();
        grid.StreetId = street.Id;
        var building = new Building { GridId = grid.Id, Code = grid.Code + "0001", Name = "1号楼", Address = "青年路1号", Floors = 6, Units = 2 };
        var room = new Room { Building = building, GridId = grid.Id, Number = "1-1-0101", Unit = 1, Floor = 1, AreaSquareMeters = 72 };
        var household = new Household { Room = room, GridId = grid.Id, Number = building.Code + "-1-1-0101", MemberCount = 2 };
        db.AddRange(building, room, household,
            new Resident { Household = household, GridId = grid.Id, Name = "王秀英", IdNumber = "610202194805061228", IdNumberHash = "h1", BirthDate = new DateOnly(1948, 5, 6) },
            new Resident { Household = household, GridId = grid.Id, Name = "张建国", IdNumber = "610202198001011234", IdNumberHash = "h2", BirthDate = new DateOnly(1980, 1, 1) });
        await db.SaveChangesAsync();
        return grid;
    }
}
