using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Providers;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Sos;

public class SosIntakeServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_wristband_alarm_becomes_an_urgent_sos_incident_with_its_alert(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
        var (elderId, locator) = await ArrangeAsync(database);
        using var _ = locator;
        var sos = NewService(database, locator, new FakeTimeProvider(now));

        var known = await sos.RaiseAsync(new SosSignal("WB-0001", null, null, now.UtcDateTime.AddSeconds(-3)));
        var unknown = await sos.RaiseAsync(new SosSignal("WB-9999", 35.003, 109.004, null));
        var nowhere = await sos.RaiseAsync(new SosSignal("WB-8888", null, null, null));
        var garbage = await sos.RaiseAsync(new SosSignal("WB 1\u0000", null, null, null));

        Assert.True(known.Succeeded);
        Assert.True(unknown.Succeeded);
        Assert.Equal(OperationStatus.Invalid, nowhere.Status);
        Assert.Equal(OperationStatus.Invalid, garbage.Status);

        await using var check = database.CreateContext();
        var incidents = await check.Incidents.Include(i => i.Category).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(2, incidents.Count);
        Assert.All(incidents, i =>
        {
            Assert.Equal(SourceChannel.Sos, i.Source);
            Assert.Equal(IncidentPriority.Urgent, i.Priority);
            Assert.Equal(i.ReportedAt.AddMinutes(5), i.RespondDueAt);
        });
        Assert.Equal("王秀英", incidents[0].ReporterName);
        var alerts = await check.SosAlerts.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(incidents.Select(i => (long?)i.Id), alerts.Select(a => a.IncidentId));
        Assert.Equal(elderId, alerts[0].ResidentId);
        Assert.True(await check.Devices.AnyAsync(d => d.SerialNumber == "WB-9999" && d.Status == DeviceStatus.Offline));
        Assert.NotNull((await check.Devices.SingleAsync(d => d.SerialNumber == "WB-0001")).LastSeenAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Presses_while_the_alarm_rings_add_to_it_even_when_concurrent_and_a_new_alarm_follows_acknowledgement(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
        var (_, locator) = await ArrangeAsync(database);
        using var disposeLocator = locator;
        var sos = NewService(database, locator, new FakeTimeProvider(now));

        // Ten presses at once from one registered device, and ten from one serial nobody registered.
        var presses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            sos.RaiseAsync(new SosSignal(i % 2 == 0 ? "WB-0001" : "WB-7777", 35.003, 109.004 + (i * 0.00001), null)))));
        Assert.All(presses, p => Assert.True(p.Succeeded, p.Message));
        await using (var check = database.CreateContext())
        {
            var alerts = await check.SosAlerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(2, alerts.Count);
            Assert.Equal(2, await check.Incidents.CountAsync());
            Assert.All(alerts, a => Assert.Equal(10, a.AlarmCount));
            Assert.Equal([false, true], alerts.OrderBy(a => a.IsUnregisteredDevice).Select(a => a.IsUnregisteredDevice));
            Assert.Equal(alerts.Select(a => a.Id).Order(), presses.Select(p => p.Value!.Id).Distinct().Order());
            Assert.All(alerts, a => Assert.NotNull(a.LastReceivedAt));
            Assert.True((await check.Devices.SingleAsync(d => d.SerialNumber == "WB-7777")).IsUnregistered);
        }

        // The latest press moves the position; once acknowledged, the next press rings again as a new alarm.
        var latest = await sos.RaiseAsync(new SosSignal("WB-0001", 35.004, 109.005, null));
        Assert.Equal(11, latest.Value!.AlarmCount);
        Assert.Equal(35.004, latest.Value.Latitude);
        await using (var db = database.CreateContext())
        {
            await db.SosAlerts.Where(a => a.Id == latest.Value.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, SosStatus.Acknowledged));
        }
        var again = await sos.RaiseAsync(new SosSignal("WB-0001", null, null, null));
        Assert.NotEqual(latest.Value.Id, again.Value!.Id);
        Assert.Equal(1, again.Value.AlarmCount);
    }

    /// <summary>The sample neighbourhood with the elder's wristband WB-0001 and the SOS category; the elder's id and a grid locator.</summary>
    private static async Task<(int ElderId, GridLocator Locator)> ArrangeAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var (grid, elder, _, _) = await SampleData.AddNeighbourhoodAsync(db);
        db.Devices.Add(new Device { SerialNumber = "WB-0001", Kind = DeviceKind.SosWristband, GridId = grid.Id, ResidentId = elder.Id });
        db.IncidentCategories.Add(new IncidentCategory { Code = SosIntakeService.SosCategoryCode, Kind = CategoryKind.Governance, MajorCode = "05", MajorName = "SOS", MinorCode = "01", MinorName = "一键呼叫求助" });
        await db.SaveChangesAsync();
        return (elder.Id, new GridLocator(new TestContextFactory(database)));
    }

    private static SosIntakeService NewService(TestDatabase database, GridLocator locator, FakeTimeProvider clock)
    {
        var factory = new TestContextFactory(database);
        return new SosIntakeService(factory, new IncidentIntakeService(factory, locator, Options.Create(new SlaOptions()), clock), locator, clock);
    }
}
