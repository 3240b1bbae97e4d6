using System.Net;
using System.Text;
using CommandCenter.Data.Identity;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api;

/// <summary>Every error of /api/v1 is problem+json with the status a client can act on.</summary>
public sealed class ApiProblemTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private ApiDistrict D => factory.District;

    [Theory]
    [InlineData(null)]
    [InlineData("cc_wrong_key_000000000000000000")]
    [InlineData("revoked")]
    public async Task No_wrong_or_revoked_key_is_401(string? key)
    {
        var client = factory.ApiClient(key == "revoked" ? D.RevokedKey : key);
        var before = await factory.IncidentCountAsync();

        await AssertProblemAsync(await client.GetAsync("/api/v1/incidents"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", Incident(), Guid.NewGuid().ToString()), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/sos", new { deviceId = D.WristbandSerial }), HttpStatusCode.Unauthorized);

        Assert.Equal(before, await factory.IncidentCountAsync());
    }

    [Fact]
    public async Task Scoped_key_writing_outside_its_street_is_403()
    {
        var client = factory.ApiClient(D.ScopedKey);
        var before = await factory.IncidentCountAsync();

        var problem = await AssertProblemAsync(
            await PostAsync(client, "/api/v1/incidents", Incident(gridCode: ApiDistrict.Grid3Code), "outside-1"), HttpStatusCode.Forbidden);

        Assert.Contains("outside", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await factory.IncidentCountAsync());
        // Inside its street it may write, with its channel's source.
        var inside = await CreateIncidentAsync(client, Incident(gridCode: ApiDistrict.Grid1Code));
        Assert.Equal("hotline12345", inside["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scoped_key_cannot_move_or_read_an_incident_outside_its_street()
    {
        var outside = await CreateIncidentAsync(factory.ApiClient(D.Key), Incident(gridCode: ApiDistrict.Grid3Code));
        var id = outside["id"]!.GetValue<long>();
        var scoped = factory.ApiClient(D.ScopedKey);

        await AssertProblemAsync(await TransitionAsync(scoped, id, new { action = "file", version = 1 }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await scoped.GetAsync($"/api/v1/incidents/{id}"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Wall)]
    public async Task Read_only_roles_cannot_write(string role)
    {
        var userName = $"ro-{role.ToLowerInvariant()}";
        await factory.CreateUserAsync(userName, role);
        var browser = await factory.SignedInBrowserAsync(userName);
        var existing = await CreateIncidentAsync(factory.ApiClient(D.Key));
        var before = await factory.IncidentCountAsync();

        await AssertProblemAsync(await PostAsync(browser, "/api/v1/incidents", Incident(), Guid.NewGuid().ToString()), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await TransitionAsync(browser, existing["id"]!.GetValue<long>(), new { action = "file", version = 1 }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await PostAsync(browser, "/api/v1/sos", new { deviceId = D.WristbandSerial }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await PostAsync(browser, "/api/v1/patrols", new { gridWorkerId = D.GridWorkerId }), HttpStatusCode.Forbidden);

        Assert.Equal(before, await factory.IncidentCountAsync());
        // Reading is allowed, except for a wall PC, which reads only what the wall shows.
        Assert.Equal(role == Roles.Wall ? HttpStatusCode.Forbidden : HttpStatusCode.OK, (await browser.GetAsync("/api/v1/incidents")).StatusCode);
    }

    [Fact]
    public async Task Duty_officer_may_report_through_the_api()
    {
        await factory.CreateUserAsync("duty-api", Roles.DutyOfficer);
        var browser = await factory.SignedInBrowserAsync("duty-api");

        var body = await CreateIncidentAsync(browser);

        Assert.Equal("dutyOfficer", body["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_incident_is_404()
    {
        var client = factory.ApiClient(D.Key);

        await AssertProblemAsync(await client.GetAsync("/api/v1/incidents/999999"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await TransitionAsync(client, 999999, new { action = "file", version = 1 }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/patrols/999999/end", "{}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Body_over_64_KB_is_413()
    {
        var client = factory.ApiClient(D.Key);
        var big = ToJson(new { title = "大", description = new string('字', 65 * 1024 / 3 + 10) });
        Assert.True(Encoding.UTF8.GetByteCount(big) > 65 * 1024);

        await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", big, "big-1"), HttpStatusCode.RequestEntityTooLarge);
        // Also without a Content-Length (chunked): the reader stops at the limit.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("Idempotency-Key", "big-2");
        await AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Other_media_types_are_415(string contentType)
    {
        var client = factory.ApiClient(D.Key);

        await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", ToJson(Incident()), "mt-" + contentType.GetHashCode(StringComparison.Ordinal), contentType),
            HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/sos", ToJson(new { deviceId = D.WristbandSerial }), null, contentType),
            HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Broken_json_and_wrong_types_are_400_naming_the_field()
    {
        var client = factory.ApiClient(D.Key);

        await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", """{"title":"x",""", "bj-1"), HttpStatusCode.BadRequest);
        var wrongType = await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", """{"title":"x","gridId":"12"}""", "bj-2"), HttpStatusCode.BadRequest);
        var wrongEnum = await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", """{"title":"x","priority":3}""", "bj-3"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/incidents", "null", "bj-4"), HttpStatusCode.BadRequest);

        Assert.NotNull(wrongType["errors"]!["gridId"]);
        Assert.NotNull(wrongEnum["errors"]!["priority"]);
    }

    [Fact]
    public async Task Stack_traces_never_leave_the_server()
    {
        var client = factory.ApiClient(D.Key);

        var response = await PostAsync(client, "/api/v1/incidents", """{"title":""", "trace-1");

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_path_and_wrong_method_are_problems()
    {
        var client = factory.ApiClient(D.Key);

        await AssertProblemAsync(await client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.DeleteAsync("/api/v1/incidents"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task OpenApi_document_is_served_to_authenticated_callers_and_lists_the_incidents_path()
    {
        // Anonymous callers get 401 (a program path: no redirect to the login page).
        var anonymous = await factory.ApiClient(null).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("/api/v1/incidents", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await factory.ApiClient(D.Key).GetAsync("/openapi/v1.json");

        var body = await AssertStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(body["paths"]!["/api/v1/incidents"]);
        Assert.NotNull(body["paths"]!["/api/v1/incidents/{id}/transitions"]);
        Assert.NotNull(body["paths"]!["/api/v1/sos"]);
    }
}

/// <summary>429 with Retry-After once a key spends its burst; SOS from the same key still goes through.</summary>
public sealed class ApiRateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task Exhausted_key_gets_429_with_retry_after_while_sos_still_succeeds()
    {
        var d = factory.District;
        var client = factory.ApiClient(d.Key);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < RateLimitedApiFactory.Burst + 5 && limited is null; i++)
        {
            var response = await client.GetAsync("/api/v1/incidents");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(int.TryParse(Assert.Single(limited.Headers.GetValues("Retry-After")), out var seconds) && seconds >= 1);
        // Writes share the bucket (a token may come back each second): a limited write writes nothing.
        var before = await factory.IncidentCountAsync();
        var created = 0;
        var limitedWrite = false;
        for (var i = 0; i < RateLimitedApiFactory.Burst + 5 && !limitedWrite; i++)
        {
            var write = await PostAsync(client, "/api/v1/incidents", Incident(), $"limited-{i}");
            if (write.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertProblemAsync(write, HttpStatusCode.TooManyRequests);
                limitedWrite = true;
            }
            else
            {
                await AssertStatusAsync(write, HttpStatusCode.Created);
                created++;
            }
        }
        Assert.True(limitedWrite);
        Assert.Equal(before + created, await factory.IncidentCountAsync());
        before += created;

        // SOS is never limited: several alarms in a row from the same exhausted key (each from its own wristband) all go through.
        for (var i = 0; i < RateLimitedApiFactory.Burst + 2; i++)
        {
            var sos = await PostAsync(client, "/api/v1/sos", new { deviceId = await factory.NewWristbandAsync() }, $"sos-{i}");
            await AssertStatusAsync(sos, HttpStatusCode.Created);
        }
        Assert.Equal(before + RateLimitedApiFactory.Burst + 2, await factory.IncidentCountAsync());

        // Another key has its own bucket.
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(d.ScopedKey).GetAsync("/api/v1/incidents")).StatusCode);
    }
}
