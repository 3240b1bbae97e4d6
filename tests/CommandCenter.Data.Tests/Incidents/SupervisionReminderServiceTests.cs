using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Incidents;

public class SupervisionReminderServiceTests
{
    private static readonly DateTime Reported = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    private static ActingOfficer Officer(string id, string name, string? scope = null, string role = Roles.DutyOfficer) => new(id, name, scope, [role]);

    private static async Task<long> AddSupervisionAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var incident = await SampleData.AddIncidentAsync(db, Reported);
        var supervision = new Supervision { IncidentId = incident.Id, Clock = SlaClock.Respond, Reason = "超时未响应", CreatedAt = Reported.AddMinutes(16) };
        db.Supervisions.Add(supervision);
        await db.SaveChangesAsync();
        return supervision.Id;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_reminder_counts_and_is_stamped_at_most_once_per_ten_minutes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Reported.AddMinutes(20));
        var id = await AddSupervisionAsync(database);
        var factory = new TestContextFactory(database);
        using var audit = new AuditLog(factory, clock);
        var service = new SupervisionReminderService(factory, audit, clock);

        var first = await service.RemindAsync(id, Officer("u1", "李值班"));
        clock.Advance(TimeSpan.FromMinutes(9));
        var tooSoon = await service.RemindAsync(id, Officer("u2", "周值班"));
        clock.Advance(TimeSpan.FromMinutes(1));
        var again = await service.RemindAsync(id, Officer("u2", "周值班"));

        Assert.True(first.Succeeded);
        Assert.Equal(OperationStatus.Conflict, tooSoon.Status);
        Assert.Contains("08:20:00", tooSoon.Message, StringComparison.Ordinal);
        Assert.True(again.Succeeded);
        Assert.Equal(2, again.Value!.ReminderCount);
        await using var db = database.CreateContext();
        var supervision = await db.Supervisions.SingleAsync(s => s.Id == id);
        Assert.Equal(2, supervision.ReminderCount);
        Assert.Equal(Reported.AddMinutes(30), supervision.LastRemindedAt);
        var actions = await db.AuditEntries.Where(e => e.EntityType == nameof(Supervision)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal([SupervisionReminderService.AuditAction, SupervisionReminderService.RejectedAuditAction, SupervisionReminderService.AuditAction], actions);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Role_scope_resolution_and_simultaneous_clicks_are_checked(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Reported.AddMinutes(20));
        var id = await AddSupervisionAsync(database);
        var factory = new TestContextFactory(database);
        using var audit = new AuditLog(factory, clock);
        var service = new SupervisionReminderService(factory, audit, clock);

        Assert.Equal(OperationStatus.OutOfScope, (await service.RemindAsync(id, Officer("w", "大屏", role: Roles.Wall))).Status);
        Assert.Equal(OperationStatus.OutOfScope, (await service.RemindAsync(id, Officer("x", "外街", scope: "610202002"))).Status);
        var together = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() => service.RemindAsync(id, Officer($"o{i}", $"值班员{i}", scope: "610202001")))));
        Assert.Single(together, r => r.Succeeded);

        await using (var db = database.CreateContext())
        {
            await db.Supervisions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ResolvedAt, clock.GetUtcNow().UtcDateTime));
        }
        clock.Advance(TimeSpan.FromHours(1));
        var resolved = await service.RemindAsync(id, Officer("u", "值班"));
        Assert.Equal(OperationStatus.Conflict, resolved.Status);

        await using var check = database.CreateContext();
        Assert.Equal(1, (await check.Supervisions.SingleAsync(s => s.Id == id)).ReminderCount);
        Assert.Equal(7, await check.AuditEntries.CountAsync(e => e.Action == SupervisionReminderService.RejectedAuditAction));
    }
}
