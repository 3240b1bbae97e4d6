using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Tests.Providers;

/// <summary>The migrations build a working schema on every provider that runs here.</summary>
public class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Migrations_apply_and_leave_nothing_pending(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        // Every entity's table exists and can be queried.
        Assert.Equal(0, await db.Incidents.CountAsync());
        Assert.Equal(0, await db.Residents.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Incident_round_trips_with_utc_timestamps_and_its_history(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var reportedAt = new DateTime(2026, 11, 22, 8, 30, 15, 123, DateTimeKind.Utc);
        long id;
        await using (var db = database.CreateContext())
        {
            var incident = await SampleData.AddIncidentAsync(db, reportedAt);
            id = incident.Id;
        }

        await using (var db = database.CreateContext())
        {
            var incident = await db.Incidents.Include(x => x.History).Include(x => x.Category).SingleAsync(x => x.Id == id);
            Assert.Equal(DateTimeKind.Utc, incident.ReportedAt.Kind);
            Assert.Equal(reportedAt, incident.ReportedAt);
            Assert.Equal(reportedAt.AddMinutes(15), incident.RespondDueAt);
            Assert.Equal("井盖缺失", incident.Category!.MinorName);
            var history = Assert.Single(incident.History);
            Assert.Equal(IncidentAction.Report, history.Action);
            Assert.Equal(DateTimeKind.Utc, history.At.Kind);

            // Provider-neutral filtering on time and on a code prefix (the scope of a node).
            var grid = await db.Grids.SingleAsync();
            var inStreet = await db.Incidents
                .Where(x => x.ReportedAt >= reportedAt.AddHours(-1) && x.ReportedAt < reportedAt.AddHours(1))
                .Join(db.Grids.Where(g => g.Code.StartsWith(grid.Code.Substring(0, HierarchyCode.StreetLength))), i => i.GridId, g => g.Id, (i, g) => i.Id)
                .ToListAsync();
            Assert.Equal([id], inStreet);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_stale_version_is_rejected(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        long id;
        await using (var db = database.CreateContext())
        {
            id = (await SampleData.AddIncidentAsync(db, new DateTime(2026, 11, 22, 1, 0, 0, DateTimeKind.Utc))).Id;
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var a = await first.Incidents.SingleAsync(x => x.Id == id);
        var b = await second.Incidents.SingleAsync(x => x.Id == id);

        a.Stage = IncidentStage.Filed;
        a.Version++;
        await first.SaveChangesAsync();

        b.Stage = IncidentStage.Rejected;
        b.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.CreateContext();
        Assert.Equal(IncidentStage.Filed, (await check.Incidents.SingleAsync(x => x.Id == id)).Stage);
    }

    [Fact]
    public async Task The_audit_log_is_append_only()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var entry = new AuditEntry
        {
            At = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc),
            UserName = "admin",
            Action = "test",
            PreviousHash = new string('0', 64),
            Hash = new string('1', 64),
        };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();

        entry.Detail = "changed";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        db.AuditEntries.Remove(await db.AuditEntries.SingleAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
