using System.Net;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Sos;

/// <summary>Three unregistered alarms per key per minute, so the limit is reached quickly.</summary>
public sealed class UnregisteredSosLimitFactory : ApiFactory
{
    public const int Limit = 3;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Sos:UnregisteredPerKeyPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class SosThrottleAndDedupTests(UnregisteredSosLimitFactory factory) : IClassFixture<UnregisteredSosLimitFactory>
{
    private ApiDistrict D => factory.District;

    [Fact]
    public async Task One_open_alarm_per_device_a_second_press_answers_200_with_the_same_alarm_and_a_retry_replays()
    {
        var serial = await factory.NewWristbandAsync();
        var client = factory.ApiClient(D.SosKey);
        var (lat, lon) = ApiDistrict.CentreOf(2);
        var first = await AssertStatusAsync(await PostAsync(client, "/api/v1/sos", new { deviceId = serial }), HttpStatusCode.Created);
        var key = Guid.NewGuid().ToString("N");
        var secondResponse = await PostAsync(client, "/api/v1/sos", new { deviceId = serial, latitude = lat + 0.001, longitude = lon }, key);
        var second = await AssertStatusAsync(secondResponse, HttpStatusCode.OK);

        Assert.Equal(first["id"]!.GetValue<long>(), second["id"]!.GetValue<long>());
        Assert.Equal(first["incidentId"]!.GetValue<long>(), second["incidentId"]!.GetValue<long>());
        Assert.Equal(1, first["alarmCount"]!.GetValue<int>());
        Assert.Equal(2, second["alarmCount"]!.GetValue<int>());
        Assert.Equal(lat + 0.001, second["latitude"]!.GetValue<double>(), 6);
        Assert.False(second["isUnregisteredDevice"]!.GetValue<bool>());

        // The same request again with its key replays the first answer; it does not count a third press.
        var replay = await PostAsync(client, "/api/v1/sos", new { deviceId = serial, latitude = lat + 0.001, longitude = lon }, key);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(2, (await BodyAsync(replay))["alarmCount"]!.GetValue<int>());
        var incidentId = first["incidentId"]!.GetValue<long>();
        Assert.Equal(1, await factory.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.SosAlerts, a => a.IncidentId == incidentId)));
    }

    [Fact]
    public async Task Unregistered_devices_are_accepted_marked_and_limited_per_key_while_registered_ones_never_are()
    {
        var (lat, lon) = ApiDistrict.CentreOf(1);
        var client = factory.ApiClient(D.Key);
        for (var i = 0; i < UnregisteredSosLimitFactory.Limit; i++)
        {
            var body = await AssertStatusAsync(await PostAsync(client, "/api/v1/sos", new { deviceId = $"FAKE-{Guid.NewGuid():N}"[..20], latitude = lat, longitude = lon }),
                HttpStatusCode.Created);
            Assert.True(body["isUnregisteredDevice"]!.GetValue<bool>());
        }

        var limited = await PostAsync(client, "/api/v1/sos", new { deviceId = "FAKE-ONE-MORE", latitude = lat, longitude = lon });
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 60);

        // The registered wristband still gets through on the same key, and another key's unregistered alarm too.
        var registered = await PostAsync(client, "/api/v1/sos", new { deviceId = D.WristbandSerial });
        Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, registered.StatusCode.ToString());
        await AssertStatusAsync(await PostAsync(factory.ApiClient(D.SosKey), "/api/v1/sos", new { deviceId = "FAKE-OTHER-KEY", latitude = lat, longitude = lon }),
            HttpStatusCode.Created);
    }
}
