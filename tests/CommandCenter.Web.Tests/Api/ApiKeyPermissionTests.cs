using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api;

/// <summary>Every endpoint refuses a key that lacks the permission it needs, with 403 problem+json naming it.</summary>
public sealed class ApiKeyPermissionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "POST", "/api/v1/incidents", "report" },
        { "GET", "/api/v1/incidents", "read" },
        { "GET", "/api/v1/incidents/1", "read" },
        { "GET", "/api/v1/registry/summary", "read" },
        { "POST", "/api/v1/incidents/1/transitions", "handle" },
        { "POST", "/api/v1/sos", "sos" },
        { "POST", "/api/v1/sos/1/acknowledge", "handle" },
        { "POST", "/api/v1/patrols", "patrol" },
        { "POST", "/api/v1/patrols/1/check-ins", "patrol" },
        { "POST", "/api/v1/service-orders", "service-orders" },
        { "POST", "/api/v1/micro-wishes", "service-orders" },
    };

    private async Task<string> KeyAsync(ApiKeyPermissions permissions)
    {
        var key = ApiKeyHasher.NewKey();
        await factory.QueryAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = $"perm-{(int)permissions}", Channel = "grid-worker-app", Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key),
                Permissions = permissions, CreatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        return key;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }
        return await client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_key_without_the_permission_gets_403_naming_it(string method, string path, string permission)
    {
        Assert.True(ApiKeyPermissionNames.TryParse([permission], out var needed, out _));
        var allButNeeded = ApiKeyPermissionNames.All.Select(p => p.Permission).Aggregate(ApiKeyPermissions.None, (a, p) => a | p) & ~needed;
        var client = factory.ApiClient(await KeyAsync(allButNeeded));

        var body = await AssertProblemAsync(await SendAsync(client, method, path), HttpStatusCode.Forbidden);
        Assert.Equal(permission, body["missingPermission"]?.GetValue<string>());
        Assert.Contains($"'{permission}'", body["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_key_with_only_the_permission_gets_past_authorization(string method, string path, string permission)
    {
        Assert.True(ApiKeyPermissionNames.TryParse([permission], out var needed, out _));
        var client = factory.ApiClient(await KeyAsync(needed));

        var response = await SendAsync(client, method, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("missingPermission", text, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task The_demo_key_reports_but_cannot_void_an_incident()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // This host is not in demo mode, so its passwords need 12 characters: the demo key is what is tested here.
            var demo = Microsoft.Extensions.Options.Options.Create(new Data.Demo.DemoOptions { Password = "Demo#2026cc-long" });
            await ActivatorUtilities.CreateInstance<DemoAccounts>(scope.ServiceProvider, demo).EnsureAsync();
        }
        var demoKey = new Data.Demo.DemoOptions().ApiKey;
        var stored = await factory.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.KeyHash == ApiKeyHasher.Hash(demoKey)));
        Assert.Equal(ApiKeyPermissionNames.Demo, stored.Permissions);

        var client = factory.ApiClient(demoKey);
        var created = await CreateIncidentAsync(client, Incident(source: "hotline12345"));
        var id = created["id"]!.GetValue<long>();
        var version = created["version"]!.GetValue<int>();

        var body = await AssertProblemAsync(await TransitionAsync(client, id, new { action = "reject", version, note = "无效" }), HttpStatusCode.Forbidden);
        Assert.Equal("handle", body["missingPermission"]?.GetValue<string>());
        var stage = await factory.QueryAsync(db => db.Incidents.Where(i => i.Id == id).Select(i => i.Stage).SingleAsync());
        Assert.NotEqual(Data.Incidents.IncidentStage.Rejected, stage);
    }

    [Fact]
    public async Task Open311_refuses_a_key_without_read_or_report()
    {
        var reportOnly = factory.ApiClient(null);
        var key = await KeyAsync(ApiKeyPermissions.Report);
        var response = await reportOnly.GetAsync($"/open311/v2/requests.json?api_key={key}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("'read'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var readOnly = await KeyAsync(ApiKeyPermissions.Read);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = readOnly, ["service_code"] = ApiDistrict.EventCategory, ["description"] = "井盖缺失", ["lat"] = "35.005", ["long"] = "109.005" });
        var post = await reportOnly.PostAsync("/open311/v2/requests.json", form);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("'report'", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reportOnly.GetAsync($"/open311/v2/requests.json?api_key={readOnly}")).StatusCode);
    }

    [Fact]
    public async Task A_wall_session_cannot_read_incidents()
    {
        var name = $"wall-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(name, Roles.Wall);
        var wall = await factory.SignedInBrowserAsync(name);
        await AssertProblemAsync(await wall.GetAsync("/api/v1/incidents"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await wall.GetAsync("/api/v1/incidents/1"), HttpStatusCode.Forbidden);

        var analyst = $"analyst-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(analyst, Roles.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignedInBrowserAsync(analyst)).GetAsync("/api/v1/incidents")).StatusCode);
    }
}
