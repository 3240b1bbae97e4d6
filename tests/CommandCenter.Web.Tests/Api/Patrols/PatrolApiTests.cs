using System.Net;
using Microsoft.EntityFrameworkCore;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Patrols;

public sealed class PatrolApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private ApiDistrict D => factory.District;

    [Fact]
    public async Task Start_check_in_and_end_a_patrol()
    {
        var client = factory.ApiClient(D.Key);

        var started = await AssertStatusAsync(await PostAsync(client, "/api/v1/patrols", new { gridWorkerId = D.GridWorkerId }), HttpStatusCode.Created);
        var id = started["id"]!.GetValue<long>();
        Assert.Equal(D.Grid1Id, started["gridId"]!.GetValue<int>());
        // One patrol at a time per worker.
        var busy = await AssertProblemAsync(await PostAsync(client, "/api/v1/patrols", new { gridWorkerId = D.GridWorkerId }), HttpStatusCode.Conflict);
        Assert.Equal(id, busy["current"]!["id"]!.GetValue<long>());

        var (lat1, lon1) = ApiDistrict.CentreOf(1);
        var (lat2, lon2) = ApiDistrict.CentreOf(2);
        var first = await AssertStatusAsync(await PostAsync(client, $"/api/v1/patrols/{id}/check-ins",
            new { latitude = lat1, longitude = lon1, note = "楼道畅通", photoRef = "photos/1.jpg" }, "ci-1"), HttpStatusCode.Created);
        Assert.Equal(D.Grid1Id, first["gridId"]!.GetValue<int>());
        var second = await AssertStatusAsync(await PostAsync(client, $"/api/v1/patrols/{id}/check-ins", new { latitude = lat2, longitude = lon2 }, "ci-2"), HttpStatusCode.Created);
        Assert.Equal(D.Grid2Id, second["gridId"]!.GetValue<int>());
        // A retried check-in is replayed, not counted twice.
        var replay = await PostAsync(client, $"/api/v1/patrols/{id}/check-ins", new { latitude = lat2, longitude = lon2 }, "ci-2");
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));

        var ended = await AssertStatusAsync(await PostAsync(client, $"/api/v1/patrols/{id}/end", "{}"), HttpStatusCode.OK);
        Assert.Equal(2, ended["checkInCount"]!.GetValue<int>());
        Assert.InRange(ended["distanceMeters"]!.GetValue<double>(), 850, 950); // 0.01° of longitude at 35° N ≈ 911 m
        Assert.NotNull(ended["endedAt"]);
        Assert.Equal(2, await factory.QueryAsync(db => db.PatrolCheckIns.CountAsync(c => c.PatrolId == id)));

        await AssertProblemAsync(await PostAsync(client, $"/api/v1/patrols/{id}/end", "{}"), HttpStatusCode.Conflict);
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/patrols/{id}/check-ins", new { latitude = lat1, longitude = lon1 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_patrol_requests_are_4xx_problems()
    {
        var client = factory.ApiClient(D.Key);
        var (lat, lon) = ApiDistrict.Outside;

        await AssertProblemAsync(await PostAsync(client, "/api/v1/patrols", new { }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/patrols", new { gridWorkerId = D.InactiveGridWorkerId }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/patrols", new { gridWorkerId = 987654 }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/patrols", """{"gridWorkerId":"1"}"""), HttpStatusCode.BadRequest);

        var patrol = await AssertStatusAsync(await PostAsync(factory.ApiClient(D.ScopedKey), "/api/v1/patrols", new { gridWorkerId = D.GridWorkerId }), HttpStatusCode.Created);
        var id = patrol["id"]!.GetValue<long>();
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/patrols/{id}/check-ins", new { latitude = lat, longitude = lon }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/patrols/{id}/check-ins", new { latitude = 91.0, longitude = 109.0 }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/patrols/{id}/check-ins", new { latitude = 35.005 }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/patrols/{id}/check-ins", new { latitude = 35.005, longitude = 109.005, at = DateTimeOffset.UtcNow.AddHours(1) }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/patrols/987654/check-ins", new { latitude = 35.005, longitude = 109.005 }), HttpStatusCode.NotFound);
        await AssertStatusAsync(await PostAsync(client, $"/api/v1/patrols/{id}/end", "{}"), HttpStatusCode.OK);
    }
}
