using CommandCenter.Data;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using CommandCenter.Jobs.Simulation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Jobs.Tests.Simulation;

/// <summary>
/// The simulator on the real demo district (scale 0.02, temporary SQLite file), ticked through a simulated morning with a
/// fake clock: everything it writes must look like real traffic and keep the lifecycle's rules.
/// </summary>
public sealed class DemoSimulatorTests
{
    /// <summary>Tuesday 2026-11-24 07:30 China time.</summary>
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_simulated_morning_goes_through_intake_and_the_lifecycle_with_believable_numbers()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.CreateAsync(clock, new Dictionary<string, string?>
        {
            ["Demo:Simulator:IncidentsPerHour"] = "60",
            ["Demo:Simulator:Acceleration"] = "1",
            ["Demo:Simulator:TickInterval"] = "00:02:00",
        });
        await host.Services.GetRequiredService<DemoDistrictSeeder>().SeedAsync(0.02, 20260101);
        var simulator = host.Services.GetRequiredService<DemoSimulator>();

        for (var tick = 0; tick < 120; tick++) // four hours, 07:30–11:30 local, in 2-minute steps
        {
            clock.Advance(TimeSpan.FromMinutes(2));
            await simulator.TickAsync();
        }

        var since = Start.UtcDateTime;
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<CommandCenterDbContext>>().CreateDbContextAsync();
        var created = await db.Incidents.AsNoTracking().Where(i => i.ReportedAt > since).ToListAsync();
        var totals = simulator.Totals;

        // Reports came through the intake: numbered, a Report history row each.
        Assert.InRange(created.Count, 80, 400);
        Assert.Equal(totals.Reports, created.Count);
        Assert.All(created, i => Assert.Matches("^2026112[45][0-9]{6}$", i.Number));
        Assert.Equal(created.Count, created.Select(i => i.Number).Distinct().Count());
        var createdIds = created.Select(i => i.Id).ToList();
        var history = await db.IncidentHistory.AsNoTracking().Where(h => createdIds.Contains(h.IncidentId)).ToListAsync();
        Assert.Equal(created.Count, history.Count(h => h.Action == IncidentAction.Report));

        // The channel mix: grid workers ~60 %, then 12345 and 我要说.
        var gridWorkerShare = created.Count(i => i.Source == SourceChannel.GridWorker) / (double)created.Count;
        Assert.InRange(gridWorkerShare, 0.45, 0.75);
        Assert.Contains(created, i => i.Source == SourceChannel.Hotline12345);
        Assert.Contains(created, i => i.Source == SourceChannel.WoYaoShuo);
        Assert.All(created.Where(i => i.Source == SourceChannel.GridWorker), i => Assert.NotNull(i.ReporterGridWorkerId));

        // Officers moved them along: several closed and rated, with call-backs; most satisfied.
        Assert.True(created.Count(i => i.Stage == IncidentStage.Evaluated) >= 5, Describe(created));
        Assert.True(created.Count(i => i.Stage is IncidentStage.Closed or IncidentStage.Evaluated) >= 10, Describe(created));
        Assert.Contains(created, i => i.Stage is IncidentStage.Dispatched or IncidentStage.Handling or IncidentStage.Feedback);
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.IncidentId != null && createdIds.Contains(r.IncidentId.Value)).ToListAsync();
        Assert.Equal(created.Count(i => i.Stage == IncidentStage.Evaluated), ratings.Count);
        Assert.True(await db.CallBacks.CountAsync(c => createdIds.Contains(c.IncidentId)) >= ratings.Count);
        Assert.All(created.Where(i => i.ClosedAt is not null), i => Assert.True(i.ClosedAt > i.ReportedAt));

        // Now and then: an escalation or rework, a rejected duplicate, a late response — but most clocks are kept.
        Assert.Contains(history, h => h.Action is IncidentAction.Escalate or IncidentAction.Rework);
        Assert.Contains(history, h => h.Action == IncidentAction.Reply);
        var responded = created.Where(i => i.RespondedAt is not null).ToList();
        var lateShare = responded.Count(i => i.RespondBreached) / (double)responded.Count;
        Assert.True(lateShare < 0.15, $"{lateShare:P0} of the responses were late");
        Assert.True(created.Count(i => i.Tier == HandlingTier.Grid) > created.Count / 2, "小事不出网格: most stay at the grid tier.");

        // The lifecycle holds: versions 1..n without gaps, each row starting where the previous ended, ending at the stage.
        foreach (var incident in created)
        {
            var rows = history.Where(h => h.IncidentId == incident.Id).OrderBy(h => h.Version).ToList();
            Assert.Equal(Enumerable.Range(1, incident.Version), rows.Select(h => h.Version));
            Assert.Equal(IncidentAction.Report, rows[0].Action);
            for (var r = 1; r < rows.Count; r++)
            {
                Assert.Equal(rows[r - 1].ToStage, rows[r].FromStage);
                Assert.True(rows[r].At >= rows[r - 1].At);
            }
            Assert.Equal(incident.Stage, rows[^1].ToStage);
        }

        // Patrols: started, checked in inside the worker's own grid polygon, ended.
        var patrols = await db.Patrols.AsNoTracking().Where(p => p.StartedAt > since).ToListAsync();
        Assert.Equal(totals.PatrolsStarted, patrols.Count);
        Assert.NotEmpty(patrols);
        Assert.Contains(patrols, p => p.EndedAt is not null);
        var patrolIds = patrols.Select(p => p.Id).ToList();
        var checkIns = await db.PatrolCheckIns.AsNoTracking().Where(c => patrolIds.Contains(c.PatrolId)).ToListAsync();
        Assert.True(checkIns.Count >= patrols.Count, $"{checkIns.Count} check-ins on {patrols.Count} patrols");
        var shapes = await db.Grids.AsNoTracking().ToDictionaryAsync(g => g.Id, g => new GridShape(g.Id, g.Code, g.CommunityId, g.StreetId, GeoJsonPolygon.ParseOuterRing(g.Boundary)));
        var patrolGrid = patrols.ToDictionary(p => p.Id, p => p.GridId);
        Assert.All(checkIns, c => Assert.True(shapes[patrolGrid[c.PatrolId]].Contains(c.Longitude, c.Latitude), $"Check-in {c.Id} lies outside its grid."));

        Assert.True(totals.ServiceOrderSteps > 0);
    }

    [Fact]
    public async Task Nights_are_quieter_than_mornings()
    {
        var night = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero)); // 02:00 local
        var morning = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero)); // 09:00 local
        var counts = new List<int>();
        foreach (var clock in new[] { night, morning })
        {
            await using var host = await SimulatorHost.CreateAsync(clock, new Dictionary<string, string?> { ["Demo:Simulator:IncidentsPerHour"] = "200" });
            await host.Services.GetRequiredService<DemoDistrictSeeder>().SeedAsync(0.02, 20260101);
            var simulator = host.Services.GetRequiredService<DemoSimulator>();
            for (var tick = 0; tick < 12; tick++)
            {
                clock.Advance(TimeSpan.FromMinutes(5));
                await simulator.TickAsync();
            }
            counts.Add(simulator.Totals.Reports);
        }
        Assert.True(counts[1] > 4 * counts[0], $"night {counts[0]}, morning {counts[1]}");
    }

    [Theory]
    [InlineData("false", null, null, false)]
    [InlineData(null, "Data Source=/tmp/x.db", null, false)] // a configured database: no demo
    [InlineData("true", null, "false", false)]
    [InlineData(null, null, null, true)] // the embedded SQLite default
    [InlineData("true", "Data Source=/tmp/x.db", null, true)]
    public void The_simulator_is_registered_only_in_demo_mode(string? demoEnabled, string? connectionString, string? simulatorEnabled, bool expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = demoEnabled,
            ["ConnectionStrings:CommandCenter"] = connectionString,
            ["Demo:Simulator:Enabled"] = simulatorEnabled,
        };
        // Absent, not null: a key with a null value binds as false.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Where(s => s.Value is not null)).Build();
        var services = new ServiceCollection().AddLogging().AddCommandCenterData(configuration).AddCommandCenterJobs(configuration);

        Assert.Equal(expected, services.Any(d => d.ImplementationType == typeof(DemoSimulatorService)));
        Assert.Equal(expected, services.Any(d => d.ServiceType == typeof(DemoSimulator)));
    }

    private static string Describe(List<Incident> incidents) =>
        string.Join(", ", incidents.GroupBy(i => i.Stage).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>Data + Jobs over a temporary SQLite file in demo mode, on a fake clock.</summary>
    private sealed class SimulatorHost : IAsyncDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-sim-tests", Guid.NewGuid().ToString("N"));

        public ServiceProvider Services { get; private set; } = null!;

        public static async Task<SimulatorHost> CreateAsync(TimeProvider clock, Dictionary<string, string?> settings)
        {
            var host = new SimulatorHost();
            Directory.CreateDirectory(host._folder);
            var values = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:CommandCenter"] = $"Data Source={Path.Combine(host._folder, "cc.db")}",
                ["Demo:Enabled"] = "true",
                ["Demo:Seed"] = "20260101",
                ["Jobs:RunServer"] = "false",
            };
            foreach (var (key, value) in settings)
            {
                values[key] = value;
            }
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            host.Services = new ServiceCollection()
                .AddLogging()
                .AddSingleton(clock)
                .AddCommandCenterData(configuration)
                .AddCommandCenterJobs(configuration)
                .BuildServiceProvider();
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            return host;
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
