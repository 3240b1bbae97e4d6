using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Incidents;

/// <summary>回访: the reporter's full phone for a duty officer with a listed reason, audited; nobody else, nothing outside the scope.</summary>
public class IncidentReporterRevealTests
{
    private static readonly DateTime Reported = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    private static ActingOfficer Officer(string role, string? scope = null) => new("u-" + role, role + "测试", scope, [role]);

    private static async Task<long> AddIncidentAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var incident = await SampleData.AddIncidentAsync(db, Reported);
        incident.ReporterPhone = "13812345678";
        await db.SaveChangesAsync();
        return incident.Id;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_duty_officer_gets_the_phone_with_a_reason_and_the_reveal_is_audited(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var id = await AddIncidentAsync(database);
        var factory = new TestContextFactory(database);
        using var audit = new AuditLog(factory, new FakeTimeProvider(Reported));
        var reveal = new IncidentReporterReveal(factory, audit);

        var revealed = await reveal.RevealPhoneAsync(id, "callback", Officer(Roles.DutyOfficer, "610202001"), administratorsSeparated: true, "10.0.0.7");
        var noReason = await reveal.RevealPhoneAsync(id, null, Officer(Roles.DutyOfficer), true);
        var madeUpReason = await reveal.RevealPhoneAsync(id, "curiosity", Officer(Roles.DutyOfficer), true);
        var elsewhere = await reveal.RevealPhoneAsync(id, "callback", Officer(Roles.DutyOfficer, "610202002"), true);
        var missing = await reveal.RevealPhoneAsync(id + 100, "callback", Officer(Roles.DutyOfficer), true);

        Assert.True(revealed.Succeeded);
        Assert.Equal("13812345678", revealed.Value);
        Assert.Equal(OperationStatus.Invalid, noReason.Status);
        Assert.Equal(OperationStatus.Invalid, madeUpReason.Status);
        Assert.Equal(OperationStatus.OutOfScope, elsewhere.Status);
        Assert.Equal(OperationStatus.NotFound, missing.Status);
        await using var check = database.CreateContext();
        var entry = Assert.Single(await check.AuditEntries.Where(e => e.Action == IncidentReporterReveal.AuditAction).ToListAsync());
        Assert.Equal(("u-DutyOfficer", "Incident", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "reason: callback", "10.0.0.7"),
            (entry.UserId, entry.EntityType, entry.EntityId, entry.Detail, entry.RemoteIp));
        Assert.DoesNotContain("1381234", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Leader, false, false)]
    [InlineData(Roles.Analyst, false, false)]
    [InlineData(Roles.Wall, false, false)]
    [InlineData(Roles.Admin, true, false)]
    [InlineData(Roles.Admin, false, true)]
    [InlineData(Roles.DutyOfficer, true, true)]
    public async Task Only_duty_officers_and_unseparated_administrators_may_reveal(string role, bool separated, bool allowed)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var id = await AddIncidentAsync(database);
        var factory = new TestContextFactory(database);
        using var audit = new AuditLog(factory, new FakeTimeProvider(Reported));

        var result = await new IncidentReporterReveal(factory, audit).RevealPhoneAsync(id, "emergency", Officer(role), separated);

        Assert.Equal(allowed, IncidentReporterReveal.MayReveal(Officer(role), separated));
        Assert.Equal(allowed ? OperationStatus.Succeeded : OperationStatus.OutOfScope, result.Status);
        Assert.Equal(allowed ? "13812345678" : null, result.Value);
        await using var check = database.CreateContext();
        Assert.Equal(allowed ? 1 : 0, await check.AuditEntries.CountAsync(e => e.Action == IncidentReporterReveal.AuditAction));
    }
}
