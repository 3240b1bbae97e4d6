using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Providers;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Sos;

public class SosAcknowledgementServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);

    private static ActingOfficer Officer(string id, string name, string? scope = null, string role = Roles.DutyOfficer) => new(id, name, scope, [role]);

    /// <summary>A real alarm raised through the intake service, and the acknowledgement service on the same database.</summary>
    private static async Task<(SosAcknowledgementService Service, long AlertId, InProcessLiveFeed Feed, AuditLog Audit)> ArrangeAsync(TestDatabase database, FakeTimeProvider clock)
    {
        await using (var db = database.CreateContext())
        {
            var (grid, elder, _, _) = await SampleData.AddNeighbourhoodAsync(db);
            db.Devices.Add(new Device { SerialNumber = "WB-0001", Kind = DeviceKind.SosWristband, GridId = grid.Id, ResidentId = elder.Id });
            db.IncidentCategories.Add(new IncidentCategory { Code = SosIntakeService.SosCategoryCode, Kind = CategoryKind.Governance, MajorCode = "05", MajorName = "SOS", MinorCode = "01", MinorName = "一键呼叫求助" });
            await db.SaveChangesAsync();
        }
        var factory = new TestContextFactory(database);
        var feed = new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance);
        var locator = new GridLocator(factory);
        var sos = new SosIntakeService(factory, new IncidentIntakeService(factory, locator, Options.Create(new SlaOptions()), clock), locator, clock, feed);
        var raised = await sos.RaiseAsync(new SosSignal("WB-0001", null, null, null));
        Assert.True(raised.Succeeded);
        var audit = new AuditLog(factory, clock);
        return (new SosAcknowledgementService(factory, audit, clock, feed), raised.Value!.Id, feed, audit);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task An_officer_acknowledges_once_who_and_when_are_recorded_audited_and_published(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var (service, alertId, feed, audit) = await ArrangeAsync(database, clock);
        using (audit)
        {
            var notices = new List<ChangeNotice>();
            using var subscription = feed.Subscribe(n => { notices.Add(n); return ValueTask.CompletedTask; });
            clock.Advance(TimeSpan.FromSeconds(40));

            var first = await service.AcknowledgeAsync(alertId, Officer("u1", "李值班"));
            clock.Advance(TimeSpan.FromSeconds(5));
            var second = await service.AcknowledgeAsync(alertId, Officer("u2", "周值班"));

            Assert.True(first.Succeeded);
            Assert.Equal(SosStatus.Acknowledged, first.Value!.Status);
            Assert.Equal(OperationStatus.Conflict, second.Status);
            Assert.Contains("李值班", second.Message, StringComparison.Ordinal);

            await using var db = database.CreateContext();
            var alert = await db.SosAlerts.SingleAsync(a => a.Id == alertId);
            Assert.Equal(SosStatus.Acknowledged, alert.Status);
            Assert.Equal("李值班", alert.AcknowledgedBy);
            Assert.Equal(Now.UtcDateTime.AddSeconds(40), alert.AcknowledgedAt);

            var notice = Assert.Single(notices);
            Assert.Equal(ChangeKind.SosAcknowledged, notice.Kind);
            Assert.Equal(alertId, notice.EntityId);
            Assert.Equal(alert.GridId, notice.GridId);

            var entries = await db.AuditEntries.Where(e => e.EntityType == nameof(SosAlert)).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([SosAcknowledgementService.AuditAction, SosAcknowledgementService.RejectedAuditAction], entries.Select(e => e.Action));
            Assert.Equal(["u1", "u2"], entries.Select(e => e.UserId));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Wrong_role_other_area_and_unknown_alerts_change_nothing_and_are_audited(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var (service, alertId, _, audit) = await ArrangeAsync(database, clock);
        using (audit)
        {
            var analyst = await service.AcknowledgeAsync(alertId, Officer("a", "分析员", role: Roles.Analyst));
            var elsewhere = await service.AcknowledgeAsync(alertId, Officer("b", "外区值班", scope: "610202002"));
            var missing = await service.AcknowledgeAsync(alertId + 1000, Officer("c", "值班"));
            var inScope = await service.AcknowledgeAsync(alertId, Officer("d", "本街值班", scope: "610202001"));

            Assert.Equal(OperationStatus.OutOfScope, analyst.Status);
            Assert.Equal(OperationStatus.OutOfScope, elsewhere.Status);
            Assert.Equal(OperationStatus.NotFound, missing.Status);
            Assert.True(inScope.Succeeded);
            await using var db = database.CreateContext();
            Assert.Equal("本街值班", (await db.SosAlerts.SingleAsync(a => a.Id == alertId)).AcknowledgedBy);
            Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == SosAcknowledgementService.RejectedAuditAction));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Officers_acknowledging_at_once_exactly_one_is_recorded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var (service, alertId, _, audit) = await ArrangeAsync(database, clock);
        using (audit)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() => service.AcknowledgeAsync(alertId, Officer($"o{i}", $"值班员{i}")))));

            var winner = Assert.Single(results, r => r.Succeeded);
            Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(winner.Value!.AcknowledgedBy!, r.Message, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task An_alarm_ends_with_its_incident_resolved_when_closed_and_false_when_voided(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var (service, voidedAlarm, feed, audit) = await ArrangeAsync(database, clock);
        using (audit)
        {
            var factory = new TestContextFactory(database);
            var locator = new GridLocator(factory);
            var sos = new SosIntakeService(factory, new IncidentIntakeService(factory, locator, Options.Create(new SlaOptions()), clock), locator, clock, feed);
            await using (var db = database.CreateContext())
            {
                var gridCode = await db.Grids.Select(g => g.Code).SingleAsync();
                db.HandlingUnits.Add(new HandlingUnit { Name = "第一网格", Tier = HandlingTier.Grid, AreaCode = gridCode });
                await db.SaveChangesAsync();
            }
            var transitions = new IncidentTransitionService(factory, clock, feed);
            var notices = new List<ChangeNotice>();
            using var subscription = feed.Subscribe(n => { notices.Add(n); return ValueTask.CompletedTask; });
            async Task<long> IncidentOf(long alarmId)
            {
                await using var db = database.CreateContext();
                return (await db.SosAlerts.SingleAsync(a => a.Id == alarmId)).IncidentId!.Value;
            }
            var officer = new IncidentActor("u1", "李值班");

            // Voided (a false alarm) while nobody had acknowledged it: it stops ringing and says who ended it.
            Assert.True((await transitions.ApplyAsync(await IncidentOf(voidedAlarm), new(IncidentAction.Reject, 1, Note: "误触"), officer, null)).Succeeded);
            // The device's alarm ended, so its next press raises a new alarm (one open alarm per device).
            var closedAlarm = (await sos.RaiseAsync(new SosSignal("WB-0001", null, null, null))).Value!.Id;
            // Acknowledged on the console, then handled and closed: resolved.
            Assert.True((await service.AcknowledgeAsync(closedAlarm, Officer("u2", "周值班"))).Succeeded);
            var incident = await IncidentOf(closedAlarm);
            var version = 1;
            foreach (var command in new IncidentCommand[]
            {
                new(IncidentAction.File, 0), new(IncidentAction.Dispatch, 0, Tier: HandlingTier.Grid), new(IncidentAction.Accept, 0),
                new(IncidentAction.Feedback, 0, Note: "已上门，老人安全"), new(IncidentAction.Close, 0, Note: "核实"),
            })
            {
                var applied = await transitions.ApplyAsync(incident, command with { Version = version++ }, officer, null);
                Assert.True(applied.Succeeded, $"{command.Action}: {applied.Message} {string.Join(";", applied.Errors?.Keys ?? [])}");
            }

            await using var check = database.CreateContext();
            var voided = await check.SosAlerts.SingleAsync(a => a.Id == voidedAlarm);
            Assert.Equal(SosStatus.FalseAlarm, voided.Status);
            Assert.Equal("李值班", voided.AcknowledgedBy);
            var resolved = await check.SosAlerts.SingleAsync(a => a.Id == closedAlarm);
            Assert.Equal(SosStatus.Resolved, resolved.Status);
            Assert.Equal("周值班", resolved.AcknowledgedBy); // the console's acknowledgement stays on record
            // Only the alarm that was still raised is announced as no longer open; the acknowledged one was announced then.
            Assert.Equal([voidedAlarm, closedAlarm], notices.Where(n => n.Kind == ChangeKind.SosAcknowledged).Select(n => n.EntityId));
        }
    }
}
