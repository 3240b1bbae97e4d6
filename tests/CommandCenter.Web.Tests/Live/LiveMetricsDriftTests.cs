using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Data.Patrols;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.Sos;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommandCenter.Web.Tests.Live;

/// <summary>
/// Live metrics cannot drift: random sequences of real operations through the Data services (deterministic seed),
/// then every number of every node equals a fresh load from the database, and a few equal direct COUNT queries.
/// </summary>
public sealed class LiveMetricsDriftTests(FakeClockLiveFactory factory, ITestOutputHelper output)
    : LiveMetricsDrift<FakeClockLiveFactory>(factory, output), IClassFixture<FakeClockLiveFactory>;

/// <summary>The same on PostgreSQL: the load queries are provider-neutral, and microsecond timestamps compare equal.</summary>
public sealed class LiveMetricsDriftPostgresTests(PostgresFakeClockLiveFactory factory, ITestOutputHelper output)
    : LiveMetricsDrift<PostgresFakeClockLiveFactory>(factory, output), IClassFixture<PostgresFakeClockLiveFactory>;

public abstract class LiveMetricsDrift<TFactory>(TFactory factory, ITestOutputHelper output)
    where TFactory : FakeClockLiveFactory
{
    private static readonly IncidentActor Officer = new(null, "测试值班员");
    private static readonly ActingOfficer DutyOfficer = new("drift", "测试值班员", null, [Roles.DutyOfficer]);

    [Fact]
    public async Task Random_operations_leave_the_live_numbers_equal_to_a_fresh_load()
    {
        var services = factory.Services;
        var intake = services.GetRequiredService<IncidentIntakeService>();
        var transitions = services.GetRequiredService<IncidentTransitionService>();
        var sos = services.GetRequiredService<SosIntakeService>();
        var patrols = services.GetRequiredService<PatrolService>();
        var watcher = services.GetRequiredService<SlaWatcher>();
        var acknowledgements = services.GetRequiredService<SosAcknowledgementService>();
        var district = factory.District;
        var random = new Random(20260310);
        // A second generator for SOS acknowledgements, so the main sequence of operations stays what it was.
        var acknowledgeRandom = new Random(20261122);
        var grids = new[] { ApiDistrict.Grid1Code, ApiDistrict.Grid2Code, ApiDistrict.Grid3Code };
        var counts = new Dictionary<string, int>();
        void Count(string what) => counts[what] = counts.GetValueOrDefault(what) + 1;

        for (var step = 0; step < 600; step++)
        {
            var dice = random.Next(100);
            if (dice < 15)
            {
                var result = await intake.ReportAsync(new IncidentReport
                {
                    Title = $"随机事件{step}",
                    Source = (SourceChannel)random.Next(0, 3),
                    CategoryCode = random.Next(2) == 0 ? ApiDistrict.EventCategory : ApiDistrict.ComponentCategory,
                    Priority = (IncidentPriority)random.Next(0, 4),
                    GridCode = grids[random.Next(grids.Length)],
                }, Officer, scopeCode: null);
                Assert.True(result.Succeeded);
                Count("report");
            }
            else if (dice < 70)
            {
                if (await TransitionAsync(transitions, random) is { } action)
                {
                    Count(action.ToString());
                }
            }
            else if (dice < 75)
            {
                Assert.True((await sos.RaiseAsync(new SosSignal(district.WristbandSerial, null, null, null))).Succeeded);
                Count("sos");
                if (acknowledgeRandom.Next(3) > 0)
                {
                    var raised = await factory.QueryAsync(db => db.SosAlerts.Where(a => a.Status == SosStatus.Raised).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
                    var alertId = raised[acknowledgeRandom.Next(raised.Count)];
                    Assert.True((await acknowledgements.AcknowledgeAsync(alertId, DutyOfficer)).Succeeded);
                    Count("sos-acknowledge");
                }
            }
            else if (dice < 88)
            {
                Count(await PatrolStepAsync(patrols, district.GridWorkerId, random));
            }
            else if (dice < 96)
            {
                factory.Time.Advance(TimeSpan.FromMinutes(random.Next(1, 15)));
                Count("advance");
            }
            else
            {
                await watcher.RunAsync();
                Count("sla-watch");
            }
        }
        output.WriteLine(string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));

        var live = factory.Metrics.Current;
        var fresh = await factory.Metrics.LoadSnapshotAsync();
        LiveAssert.AssertSame(fresh, live);

        // And against direct counts.
        var (start, end) = ChinaDay.Bounds(live.Day);
        var received = await factory.QueryAsync(db => db.Incidents.CountAsync(i => i.ReportedAt >= start && i.ReportedAt < end));
        var closed = await factory.QueryAsync(db => db.Incidents.CountAsync(i => i.ClosedAt >= start && i.ClosedAt < end));
        var open = await factory.QueryAsync(db => db.Incidents.CountAsync(i =>
            i.Stage != IncidentStage.Closed && i.Stage != IncidentStage.Evaluated && i.Stage != IncidentStage.Rejected));
        var openSos = await factory.QueryAsync(db => db.SosAlerts.CountAsync(a => a.Status == SosStatus.Raised));
        var activePatrols = await factory.QueryAsync(db => db.Patrols.CountAsync(p => p.EndedAt == null));
        var rated = await factory.QueryAsync(db => db.Ratings.CountAsync(r => r.RatedAt >= start && r.RatedAt < end));
        var satisfied = await factory.QueryAsync(db => db.Ratings.CountAsync(r => r.RatedAt >= start && r.RatedAt < end
            && (r.Level == RatingLevel.Satisfied || r.Level == RatingLevel.VerySatisfied)));
        var node = live.District;
        Assert.Equal(received, node.Today.Received);
        Assert.Equal(closed, node.Today.Closed);
        Assert.Equal(open, node.Open);
        Assert.Equal(openSos, node.OpenSos);
        Assert.Equal(activePatrols, node.PatrolsActive);
        Assert.Equal((satisfied, rated), (node.SatisfactionToday.Satisfied, node.SatisfactionToday.Rated));
        var street2Received = await factory.QueryAsync(db => db.Incidents.CountAsync(i => i.StreetId == factory.District.Street2Id && i.ReportedAt >= start));
        Assert.Equal(street2Received, live.Node(ApiDistrict.Street2Code)!.Today.Received);

        // The wall's breakdowns add up to the same counts.
        var breakdown = live.Breakdown(live.DistrictCode);
        Assert.Equal(received, breakdown.ReceivedBySource.Sum());
        Assert.Equal(received, breakdown.HourlyToday.Sum());
        Assert.True(breakdown.TopCategories.Count > 0 && breakdown.TopCategories.Sum(c => c.Count) <= received);
        Assert.Equal(rated, breakdown.SatisfactionByDay[^1].Rated);

        // The run exercised what it claims to.
        Assert.True(node.Today.Closed > 0 && node.SatisfactionToday.Rated > 0 && node.Sla.Respond.Due > 0 && node.Overdue >= 0);
        Assert.True(counts.GetValueOrDefault("Reject") > 0 && counts.GetValueOrDefault("Rework") > 0 && counts.GetValueOrDefault("Rate") > 0);
        Assert.True(counts.GetValueOrDefault("sos-acknowledge") > 0 && counts.GetValueOrDefault("sos") > counts.GetValueOrDefault("sos-acknowledge"));
    }

    [Fact]
    public async Task An_acknowledged_sos_leaves_the_open_count_as_a_fresh_load_does()
    {
        var sos = factory.Services.GetRequiredService<SosIntakeService>();
        var acknowledgements = factory.Services.GetRequiredService<SosAcknowledgementService>();
        var before = await LiveAssert.WaitForAsync(() => factory.Metrics.Current, s => s.Loaded);
        var raised = await sos.RaiseAsync(new SosSignal(factory.District.WristbandSerial, null, null, null));
        Assert.True(raised.Succeeded);
        var during = await LiveAssert.WaitForAsync(() => factory.Metrics.Current, s => s.District.OpenSos == before.District.OpenSos + 1);

        Assert.True((await acknowledgements.AcknowledgeAsync(raised.Value!.Id, DutyOfficer)).Succeeded);

        var after = await LiveAssert.WaitForAsync(() => factory.Metrics.Current, s => s.District.OpenSos == before.District.OpenSos);
        Assert.True(after.Version > during.Version);
        LiveAssert.AssertSame(await factory.Metrics.LoadSnapshotAsync(), after);
    }

    [Fact]
    public async Task A_resync_notice_reloads_what_no_notice_announced()
    {
        var before = factory.Metrics.Current;
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Time.GetUtcNow().UtcDateTime;
            db.Incidents.Add(new Incident
            {
                Number = "X" + Guid.NewGuid().ToString("N")[..10], Title = "直接写入", Description = "绕过服务", CategoryId = await db.IncidentCategories.Select(c => c.Id).FirstAsync(),
                GridId = factory.District.Grid3Id, CommunityId = await db.Grids.Where(g => g.Id == factory.District.Grid3Id).Select(g => g.CommunityId).SingleAsync(),
                StreetId = factory.District.Street2Id, ReportedAt = now, RespondDueAt = now.AddHours(1), ReplyDueAt = now.AddHours(1), ResolveDueAt = now.AddDays(1),
                Version = 1, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        });
        Assert.Equal(before.District.Today.Received, factory.Metrics.Current.District.Today.Received);

        await factory.Services.GetRequiredService<ILiveFeed>().PublishAsync(new ChangeNotice(ChangeKind.Resync, 0, null, null, null, 0, DateTime.UtcNow));

        var after = await LiveAssert.WaitForAsync(() => factory.Metrics.Current, s => s.District.Today.Received == before.District.Today.Received + 1);
        Assert.Equal(before.Node(ApiDistrict.Street2Code)!.Today.Received + 1, after.Node(ApiDistrict.Street2Code)!.Today.Received);
        Assert.True(after.Version > before.Version);
        LiveAssert.AssertSame(await factory.Metrics.LoadSnapshotAsync(), after);
    }

    /// <summary>Picks a random incident and a random allowed action with valid arguments; returns the action applied.</summary>
    private async Task<IncidentAction?> TransitionAsync(IncidentTransitionService transitions, Random random)
    {
        // Mostly open incidents, so that many travel the whole lifecycle.
        var openOnly = random.Next(10) < 8;
        var ids = await factory.QueryAsync(db => db.Incidents
            .Where(i => !openOnly || (i.Stage != IncidentStage.Closed && i.Stage != IncidentStage.Evaluated && i.Stage != IncidentStage.Rejected))
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
        if (ids.Count == 0)
        {
            return null;
        }
        var id = ids[random.Next(ids.Count)];
        var incident = await factory.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id));
        var allowed = IncidentLifecycle.AllowedActions(incident);
        if (allowed.Count == 0)
        {
            return null;
        }
        // Forward steps weigh six times as much as side steps (reject, reply, extend, escalate, rework, call back).
        IncidentAction[] forward = [IncidentAction.File, IncidentAction.Dispatch, IncidentAction.Accept, IncidentAction.Feedback, IncidentAction.Close, IncidentAction.Rate];
        int Weight(IncidentAction a) => a == IncidentAction.Dispatch && incident.Stage == IncidentStage.Dispatched ? 1
            : forward.Contains(a) ? 6 : a == IncidentAction.Rework ? 2 : 1;
        var weighted = allowed.SelectMany(a => Enumerable.Repeat(a, Weight(a))).ToList();
        var action = weighted[random.Next(weighted.Count)];
        var command = action switch
        {
            IncidentAction.Dispatch => new IncidentCommand(action, incident.Version, Tier: HandlingTier.Grid),
            IncidentAction.Extend => new IncidentCommand(action, incident.Version, Note: "需要更多时间", NewResolveDueAt: incident.ResolveDueAt.AddHours(6)),
            IncidentAction.Reject => new IncidentCommand(action, incident.Version, Note: "重复上报"),
            IncidentAction.Rework => new IncidentCommand(action, incident.Version, Note: "处置不到位"),
            IncidentAction.Rate => new IncidentCommand(action, incident.Version, Rating: (RatingLevel)random.Next(1, 6)),
            IncidentAction.CallBack => new IncidentCommand(action, incident.Version, Reached: true),
            _ => new IncidentCommand(action, incident.Version),
        };
        var result = await transitions.ApplyAsync(incident.Id, command, Officer, scopeCode: null);
        Assert.True(result.Succeeded, $"{action} on {incident.Stage}: {result.Status} {result.Message} {string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? [])}");
        return action;
    }

    private async Task<string> PatrolStepAsync(PatrolService patrols, int workerId, Random random)
    {
        var active = await factory.QueryAsync(db => db.Patrols.Where(p => p.GridWorkerId == workerId && p.EndedAt == null).Select(p => (long?)p.Id).FirstOrDefaultAsync());
        if (active is not { } patrolId)
        {
            Assert.True((await patrols.StartAsync(workerId, scopeCode: null)).Succeeded);
            return "patrol-start";
        }
        if (random.Next(4) == 0)
        {
            Assert.True((await patrols.EndAsync(patrolId, scopeCode: null)).Succeeded);
            return "patrol-end";
        }
        var (lat, lon) = ApiDistrict.CentreOf(random.Next(1, 4));
        Assert.True((await patrols.CheckInAsync(patrolId, new PatrolService.CheckInRequest(lat, lon, null, null, null), scopeCode: null)).Succeeded);
        return "patrol-check-in";
    }
}

public static class LiveAssert
{
    public static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> condition, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var value = read();
            if (condition(value))
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the live numbers.");
            await Task.Delay(20);
        }
    }

    public static void AssertSame(LiveSnapshot expected, LiveSnapshot actual)
    {
        Assert.Equal(expected.Day, actual.Day);
        Assert.Equal(expected.Nodes.Keys.Order(), actual.Nodes.Keys.Order());
        foreach (var (code, node) in expected.Nodes)
        {
            Assert.True(node == actual.Nodes[code], $"Node {code} drifted.\nexpected {node}\nactual   {actual.Nodes[code]}");
        }
        Assert.Equal(expected.Newest, actual.Newest);
        Assert.Equal(expected.Breakdowns.Keys.Order(), actual.Breakdowns.Keys.Order());
        foreach (var (code, breakdown) in expected.Breakdowns)
        {
            Assert.True(breakdown == actual.Breakdowns[code], $"Breakdown {code} drifted.\nexpected {breakdown}\nactual   {actual.Breakdowns[code]}");
        }
        Assert.Equal(expected.Overdue, actual.Overdue);
        Assert.Equal(expected.SosAlarms, actual.SosAlarms);
    }
}
