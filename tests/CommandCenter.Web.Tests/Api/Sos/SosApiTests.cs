using System.Net;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Sos;

public sealed class SosApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private ApiDistrict D => factory.District;

    [Fact]
    public async Task Wristband_alarm_creates_an_urgent_sos_incident_in_the_wearers_grid()
    {
        var client = factory.ApiClient(D.SosKey);

        var response = await PostAsync(client, "/api/v1/sos", new { deviceId = await factory.NewWristbandAsync(), time = DateTimeOffset.UtcNow.AddSeconds(-5) });

        var body = await AssertStatusAsync(response, HttpStatusCode.Created);
        var incidentId = body["incidentId"]!.GetValue<long>();
        Assert.Equal($"/api/v1/incidents/{incidentId}", response.Headers.Location?.OriginalString);
        Assert.Equal(D.Grid2Id, body["gridId"]!.GetValue<int>());
        var incident = await factory.QueryAsync(db => db.Incidents.Include(i => i.Category).AsNoTracking().SingleAsync(i => i.Id == incidentId));
        Assert.Equal(IncidentPriority.Urgent, incident.Priority);
        Assert.Equal(SourceChannel.Sos, incident.Source);
        Assert.Equal(ApiDistrict.SosCategory, incident.Category!.Code);
        Assert.Equal(D.Grid2Id, incident.GridId);
        Assert.Equal("王秀英", incident.ReporterName);
        var alert = await factory.QueryAsync(db => db.SosAlerts.AsNoTracking().SingleAsync(a => a.IncidentId == incidentId));
        Assert.Equal(D.ElderId, alert.ResidentId);
        Assert.Equal(SosStatus.Raised, alert.Status);

        // The API shows the wearer masked.
        var detail = await AssertStatusAsync(await client.GetAsync($"/api/v1/incidents/{incidentId}"), HttpStatusCode.OK);
        Assert.Equal("王**", detail["reporter"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("13900001111", detail.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Position_wins_over_the_registered_grid()
    {
        var (lat, lon) = ApiDistrict.CentreOf(3);

        var body = await AssertStatusAsync(await PostAsync(factory.ApiClient(D.SosKey), "/api/v1/sos",
            new { deviceId = await factory.NewWristbandAsync(), latitude = lat, longitude = lon }), HttpStatusCode.Created);

        Assert.Equal(D.Grid3Id, body["gridId"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_device_with_a_position_in_the_district_still_raises_an_incident()
    {
        var (lat, lon) = ApiDistrict.CentreOf(1);

        var body = await AssertStatusAsync(await PostAsync(factory.ApiClient(D.SosKey), "/api/v1/sos",
            new { deviceId = "WB-UNKNOWN-1", latitude = lat, longitude = lon }), HttpStatusCode.Created);

        var incidentId = body["incidentId"]!.GetValue<long>();
        Assert.Equal(D.Grid1Id, body["gridId"]!.GetValue<int>());
        var (priority, device) = await factory.QueryAsync(async db => (
            await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Priority).SingleAsync(),
            await db.Devices.AsNoTracking().SingleAsync(d => d.SerialNumber == "WB-UNKNOWN-1")));
        Assert.Equal(IncidentPriority.Urgent, priority);
        Assert.Null(device.ResidentId);

        // A second alarm from the device while its alarm rings is added to it (the device row exists now, still unregistered).
        var again = await AssertStatusAsync(await PostAsync(factory.ApiClient(D.SosKey), "/api/v1/sos", new { deviceId = "WB-UNKNOWN-1" }), HttpStatusCode.OK);
        Assert.Equal(body["id"]!.GetValue<long>(), again["id"]!.GetValue<long>());
        Assert.Equal(2, again["alarmCount"]!.GetValue<int>());
        Assert.True(again["isUnregisteredDevice"]!.GetValue<bool>());
        Assert.True(device.IsUnregistered);
    }

    [Fact]
    public async Task Unknown_device_without_a_usable_position_is_422()
    {
        var client = factory.ApiClient(D.SosKey);
        var (lat, lon) = ApiDistrict.Outside;
        var before = await factory.IncidentCountAsync();

        await AssertProblemAsync(await PostAsync(client, "/api/v1/sos", new { deviceId = "WB-NOWHERE" }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/sos", new { deviceId = "WB-NOWHERE", latitude = lat, longitude = lon }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/sos", new { deviceId = "" }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/sos", new { deviceId = D.WristbandSerial, latitude = 91.0, longitude = 109.0 }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(before, await factory.IncidentCountAsync());
    }

    [Fact]
    public async Task Retried_alarm_with_the_same_key_raises_one_incident()
    {
        var client = factory.ApiClient(D.SosKey);
        var json = ToJson(new { deviceId = await factory.NewWristbandAsync(), time = DateTimeOffset.UtcNow });

        var first = await PostAsync(client, "/api/v1/sos", json, "sos-retry");
        var second = await PostAsync(client, "/api/v1/sos", json, "sos-retry");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var incidentId = (await BodyAsync(first))["incidentId"]!.GetValue<long>();
        Assert.Equal(1, await factory.QueryAsync(db => db.SosAlerts.CountAsync(a => a.IncidentId == incidentId)));
    }
}
