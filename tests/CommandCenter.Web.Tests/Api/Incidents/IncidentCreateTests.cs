using System.Net;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Incidents;

public sealed class IncidentCreateTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private ApiDistrict D => factory.District;

    [Fact]
    public async Task Create_returns_201_with_location_and_body_and_the_row_is_committed()
    {
        var client = factory.ApiClient(D.Key);

        var response = await PostAsync(client, "/api/v1/incidents", Incident("井盖缺失", ApiDistrict.Grid2Code, ApiDistrict.ComponentCategory), "create-1");

        var body = await AssertStatusAsync(response, HttpStatusCode.Created);
        var id = body["id"]!.GetValue<long>();
        Assert.Equal($"/api/v1/incidents/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("井盖缺失", body["title"]!.GetValue<string>());
        Assert.Equal("gridWorker", body["source"]!.GetValue<string>()); // implied by the key's channel
        Assert.Equal("reported", body["stage"]!.GetValue<string>());
        Assert.Equal(ApiDistrict.Grid2Code, body["gridCode"]!.GetValue<string>());
        Assert.Equal("138****5678", body["reporter"]!["phone"]!.GetValue<string>());
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.Matches("^[0-9]{14}$", body["number"]!.GetValue<string>());

        var row = await factory.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal(D.Grid2Id, row.GridId);
        Assert.Equal(D.Street1Id, row.StreetId);
        Assert.Equal("13812345678", row.ReporterPhone);
        Assert.Equal(1, await factory.QueryAsync(db => db.IncidentHistory.CountAsync(h => h.IncidentId == id && h.Action == IncidentAction.Report)));
    }

    [Fact]
    public async Task Photo_references_are_kept_and_shown_and_unsafe_links_are_refused()
    {
        var client = factory.ApiClient(D.Key);
        string[] photos = ["https://media.example.cn/terminal/2026/11/22/a1.jpg", "/media/incidents/b2.jpg"];

        var body = await CreateIncidentAsync(client, new { title = "井盖破损", categoryCode = ApiDistrict.EventCategory, gridCode = ApiDistrict.Grid1Code, photoUrls = photos });

        Assert.Equal(photos, body["photoUrls"]!.AsArray().Select(p => p!.GetValue<string>()));
        var id = body["id"]!.GetValue<long>();
        var read = await AssertStatusAsync(await client.GetAsync($"/api/v1/incidents/{id}"), HttpStatusCode.OK);
        Assert.Equal(photos, read["photoUrls"]!.AsArray().Select(p => p!.GetValue<string>()));

        var before = await factory.QueryAsync(db => db.Incidents.CountAsync());
        foreach (var unsafeLink in new[] { "javascript:alert(1)", "data:image/png;base64,AAAA", "//evil.example/x.jpg", "file:///etc/passwd" })
        {
            var refused = await PostAsync(client, "/api/v1/incidents",
                new { title = "井盖破损", categoryCode = ApiDistrict.EventCategory, gridCode = ApiDistrict.Grid1Code, photoUrls = new[] { unsafeLink } },
                Guid.NewGuid().ToString("N"));
            var problem = await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]!["photoUrls"]);
        }
        var tooMany = await PostAsync(client, "/api/v1/incidents",
            new { title = "井盖破损", categoryCode = ApiDistrict.EventCategory, gridCode = ApiDistrict.Grid1Code, photoUrls = Enumerable.Range(0, 10).Select(i => $"/media/{i}.jpg") },
            Guid.NewGuid().ToString("N"));
        await AssertProblemAsync(tooMany, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await factory.QueryAsync(db => db.Incidents.CountAsync()));
    }

    [Fact]
    public async Task Create_by_position_finds_the_grid()
    {
        var (lat, lon) = ApiDistrict.CentreOf(3);
        var body = await CreateIncidentAsync(factory.ApiClient(D.Key), new { title = "占道经营", categoryCode = ApiDistrict.EventCategory, latitude = lat, longitude = lon });

        Assert.Equal(ApiDistrict.Grid3Code, body["gridCode"]!.GetValue<string>());
        Assert.Equal(D.Street2Id, body["streetId"]!.GetValue<int>());
    }

    [Fact]
    public async Task Replay_with_the_same_key_and_body_returns_the_same_answer_and_writes_one_row()
    {
        var client = factory.ApiClient(D.Key);
        var json = ToJson(Incident("重放测试"));
        var before = await factory.IncidentCountAsync();

        var first = await PostAsync(client, "/api/v1/incidents", json, "replay-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        var second = await PostAsync(client, "/api/v1/incidents", json, "replay-1");
        var secondBody = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains(ApiIdempotencyHeaders.Replayed));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(firstBody, secondBody);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(ApiIdempotencyHeaders.Replayed)));
        Assert.Equal(before + 1, await factory.IncidentCountAsync());
        Assert.Equal(1, await factory.QueryAsync(db => db.Incidents.CountAsync(i => i.Title == "重放测试")));
    }

    [Fact]
    public async Task Same_key_with_another_body_is_422_and_writes_nothing()
    {
        var client = factory.ApiClient(D.Key);
        await AssertStatusAsync(await PostAsync(client, "/api/v1/incidents", Incident("第一次"), "mismatch-1"), HttpStatusCode.Created);
        var before = await factory.IncidentCountAsync();

        var response = await PostAsync(client, "/api/v1/incidents", Incident("第二次"), "mismatch-1");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["Idempotency-Key"]);
        Assert.Equal(before, await factory.IncidentCountAsync());
    }

    [Fact]
    public async Task Keys_of_different_clients_do_not_collide()
    {
        var json = ToJson(Incident("两个客户端"));
        var a = await PostAsync(factory.ApiClient(D.Key), "/api/v1/incidents", json, "shared-key");
        var b = await PostAsync(factory.ApiClient(D.ScopedKey), "/api/v1/incidents", json, "shared-key");

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.False(b.Headers.Contains(ApiIdempotencyHeaders.Replayed));
        Assert.Equal(2, await factory.QueryAsync(db => db.Incidents.CountAsync(i => i.Title == "两个客户端")));
    }

    [Fact]
    public async Task Missing_or_malformed_idempotency_key_is_400()
    {
        var client = factory.ApiClient(D.Key);
        var before = await factory.IncidentCountAsync();

        var missing = await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", Incident()), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", Incident(), new string('k', 129)), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", Incident(), "has space"), HttpStatusCode.BadRequest);

        Assert.NotNull(missing["errors"]!["Idempotency-Key"]);
        Assert.Equal(before, await factory.IncidentCountAsync());
    }

    [Fact]
    public async Task Invalid_report_is_422_with_field_errors_and_the_key_can_be_reused_after_fixing()
    {
        var client = factory.ApiClient(D.Key);
        var before = await factory.IncidentCountAsync();

        var response = await PostAsync(client, "/api/v1/incidents",
            new { title = "", categoryCode = "X9999", gridCode = "610202001001999", reporterPhone = "１３８００００００００" }, "invalid-then-fixed");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["title"]);
        Assert.NotNull(problem["errors"]!["reporterPhone"]);
        Assert.Equal(before, await factory.IncidentCountAsync());
        // Nothing was written, so the reservation was released: the corrected request goes through with the same key.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, "/api/v1/incidents", Incident("改正后"), "invalid-then-fixed")).StatusCode);
    }

    [Fact]
    public async Task Unknown_grid_or_category_or_position_outside_is_422()
    {
        var client = factory.ApiClient(D.Key);
        var (lat, lon) = ApiDistrict.Outside;

        var grid = await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", Incident(gridCode: "610202001001999"), "u1"), HttpStatusCode.UnprocessableEntity);
        var category = await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", Incident(category: "E9999"), "u2"), HttpStatusCode.UnprocessableEntity);
        var outside = await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents",
            new { title = "区外", categoryCode = ApiDistrict.EventCategory, latitude = lat, longitude = lon }, "u3"), HttpStatusCode.UnprocessableEntity);

        Assert.NotNull(grid["errors"]!["gridCode"]);
        Assert.NotNull(category["errors"]!["categoryCode"]);
        Assert.NotNull(outside["errors"]!["latitude"]);
    }

    [Fact]
    public async Task Ten_concurrent_duplicates_with_one_key_write_exactly_one_incident()
    {
        var client = factory.ApiClient(D.Key);
        var json = ToJson(Incident("并发重复"));
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            var response = await PostAsync(client, "/api/v1/incidents", json, "concurrent-1");
            return (response.StatusCode, response.Headers.Contains(ApiIdempotencyHeaders.Replayed), response.Content.Headers.ContentType?.MediaType,
                Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {r.Body}"));
        Assert.All(results.Where(r => r.StatusCode == HttpStatusCode.Conflict), r => Assert.Equal(ProblemJson, r.MediaType));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created && !r.Item2);
        Assert.Single(results.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Body).Distinct());
        Assert.Equal(1, await factory.QueryAsync(db => db.Incidents.CountAsync(i => i.Title == "并发重复")));
        var record = await factory.QueryAsync(db => db.Set<IdempotencyRecord>().SingleAsync(r => r.Key == "concurrent-1"));
        Assert.Equal(IdempotencyState.Completed, record.State);

        // Once the first has finished, a retry replays it.
        var retry = await PostAsync(client, "/api/v1/incidents", json, "concurrent-1");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains(ApiIdempotencyHeaders.Replayed));
    }

    [Fact]
    public async Task Every_201_is_already_committed()
    {
        var client = factory.ApiClient(D.Key);
        var tasks = Enumerable.Range(0, 20).Select(i => PostAsync(client, "/api/v1/incidents", Incident($"提交即可见{i}"), $"committed-{i}")).ToList();

        foreach (var task in tasks)
        {
            var response = await task;
            var body = await AssertStatusAsync(response, HttpStatusCode.Created);
            var id = body["id"]!.GetValue<long>();
            var number = body["number"]!.GetValue<string>();
            Assert.Equal(number, await factory.QueryAsync(db => db.Incidents.Where(i => i.Id == id).Select(i => i.Number).SingleOrDefaultAsync()));
        }
        var numbers = await factory.QueryAsync(db => db.Incidents.Where(i => i.Title.StartsWith("提交即可见")).Select(i => i.Number).ToListAsync());
        Assert.Equal(20, numbers.Distinct().Count());
    }
}

internal static class ApiIdempotencyHeaders
{
    public const string Replayed = CommandCenter.Web.Api.ApiIdempotency.ReplayedHeader;
}
