using System.Net;
using CommandCenter.Data;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api;

/// <summary>Every create that takes an Idempotency-Key: a retry replays the first answer, and two at once write one row.</summary>
public sealed class IdempotentRetryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private ApiDistrict D => factory.District;

    [Fact]
    public async Task Sos_retries_never_raise_a_second_alarm()
    {
        var (lat, lon) = ApiDistrict.CentreOf(1);
        var now = DateTimeOffset.UtcNow;
        // A device per body: a second alarm of one device while it rings adds to the first instead of raising another.
        var wristbands = new[] { D.WristbandSerial, await factory.NewWristbandAsync(), await factory.NewWristbandAsync(), await factory.NewWristbandAsync() };
        await AssertOneWriteEachAsync(factory.ApiClient(D.SosKey), "/api/v1/sos",
            n => new { deviceId = wristbands[n], latitude = lat, longitude = lon, time = now.AddSeconds(-n) },
            db => db.SosAlerts.CountAsync());
        Assert.Equal(await factory.QueryAsync(db => db.SosAlerts.CountAsync()), await factory.QueryAsync(db => db.Incidents.CountAsync(i => i.Source == SourceChannel.Sos)));
    }

    [Fact]
    public async Task Patrol_start_and_check_in_retries_never_duplicate()
    {
        var client = factory.ApiClient(D.Key);
        var key = Guid.NewGuid().ToString("N");
        var body = new { gridWorkerId = D.GridWorkerId };
        var both = await Task.WhenAll(PostAsync(client, "/api/v1/patrols", body, key), PostAsync(client, "/api/v1/patrols", body, key));
        await AssertSameAnswerAsync(both[0], both[1], HttpStatusCode.Created);
        var patrolId = (await AssertStatusAsync(await PostAsync(client, "/api/v1/patrols", body, key), HttpStatusCode.Created))["id"]!.GetValue<long>();
        Assert.Equal(1, await factory.QueryAsync(db => db.Patrols.CountAsync(p => p.GridWorkerId == D.GridWorkerId && p.EndedAt == null)));

        var (lat, lon) = ApiDistrict.CentreOf(2);
        await AssertOneWriteEachAsync(client, $"/api/v1/patrols/{patrolId}/check-ins", n => new { latitude = lat, longitude = lon, note = $"巡查 {n}" },
            db => db.PatrolCheckIns.CountAsync(c => c.PatrolId == patrolId));
        var ended = await AssertStatusAsync(await PostAsync(client, $"/api/v1/patrols/{patrolId}/end", "{}"), HttpStatusCode.OK);
        Assert.Equal(await factory.QueryAsync(db => db.PatrolCheckIns.CountAsync(c => c.PatrolId == patrolId)), ended["checkInCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Service_order_and_wish_retries_never_duplicate()
    {
        var client = factory.ApiClient(D.Key);
        await AssertOneWriteEachAsync(client, "/api/v1/service-orders", n => new { residentId = D.ElderId, title = $"代购 {n}" },
            db => db.ServiceOrders.CountAsync());
        await AssertOneWriteEachAsync(client, "/api/v1/micro-wishes", n => new { residentId = D.ElderId, wish = $"心愿 {n}" },
            db => db.MicroWishes.CountAsync());
    }

    /// <summary>
    /// A request and its retry (the same key): one row and the same answer; another body with that key: 422; two
    /// requests at once with a fresh key: one row, both with the same answer.
    /// </summary>
    private async Task AssertOneWriteEachAsync(HttpClient client, string path, Func<int, object> body, Func<CommandCenterDbContext, Task<int>> rows)
    {
        var before = await factory.QueryAsync(rows);
        var key = Guid.NewGuid().ToString("N");
        var first = await PostAsync(client, path, body(1), key);
        var retry = await PostAsync(client, path, body(1), key);
        await AssertSameAnswerAsync(first, retry, HttpStatusCode.Created);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(before + 1, await factory.QueryAsync(rows));

        var problem = await AssertProblemAsync(await PostAsync(client, path, body(2), key), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["Idempotency-Key"]);

        var concurrentKey = Guid.NewGuid().ToString("N");
        var both = await Task.WhenAll(PostAsync(client, path, body(3), concurrentKey), PostAsync(client, path, body(3), concurrentKey));
        await AssertSameAnswerAsync(both[0], both[1], HttpStatusCode.Created);
        Assert.Equal(before + 2, await factory.QueryAsync(rows));
        Assert.Equal(2, await factory.QueryAsync(db => db.Set<IdempotencyRecord>().CountAsync(r => r.Key == key || r.Key == concurrentKey)));
    }

    private static async Task AssertSameAnswerAsync(HttpResponseMessage a, HttpResponseMessage b, HttpStatusCode status)
    {
        var first = await a.Content.ReadAsStringAsync();
        Assert.True(a.StatusCode == status, $"{(int)a.StatusCode}: {first}");
        Assert.Equal(status, b.StatusCode);
        Assert.Equal(first, await b.Content.ReadAsStringAsync());
        Assert.Equal(a.Headers.Location, b.Headers.Location);
    }
}
