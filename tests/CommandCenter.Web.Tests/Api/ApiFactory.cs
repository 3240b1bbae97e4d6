using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CommandCenter.Data;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Api;

/// <summary>The app with <see cref="ApiDistrict"/> seeded and rate limits high enough not to interfere (the rate-limit test has its own).</summary>
public class ApiFactory : CommandCenterFactory, IAsyncLifetime
{
    private ApiDistrict? _district;

    public ApiDistrict District => _district ?? throw new InvalidOperationException("Not initialised.");

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Api:RateLimit:PermitsPerSecond"] = "100000",
        ["Api:RateLimit:Burst"] = "100000",
        ["Jobs:RunServer"] = "false",
    };

    public virtual async Task InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        _district = await ApiDistrict.SeedAsync(scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>());
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>A client sending X-Api-Key (none when null).</summary>
    public HttpClient ApiClient(string? key)
    {
        var client = CreateBrowser();
        if (key is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(AuthenticationSchemeNames.ApiKeyHeader, key);
        }
        return client;
    }

    public async Task<T> QueryAsync<T>(Func<CommandCenterDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>());
    }

    public Task<int> IncidentCountAsync() => QueryAsync(db => db.Incidents.CountAsync());

    /// <summary>A new registered wristband worn by the elder in grid 2: a device with no alarm yet (one open alarm per device).</summary>
    public async Task<string> NewWristbandAsync()
    {
        var serial = "WB-" + Guid.NewGuid().ToString("N")[..12];
        await WithDbAsync(async db =>
        {
            db.Devices.Add(new CommandCenter.Data.Objects.Device
            {
                SerialNumber = serial, Kind = CommandCenter.Data.Objects.DeviceKind.SosWristband, Status = CommandCenter.Data.Objects.DeviceStatus.Online,
                GridId = District.Grid2Id, ResidentId = District.ElderId,
            });
            await db.SaveChangesAsync();
        });
        return serial;
    }
}

/// <summary>A tiny per-client rate limit: 1 permit per second, burst 3.</summary>
public sealed class RateLimitedApiFactory : ApiFactory
{
    public const int Burst = 3;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Api:RateLimit:PermitsPerSecond"] = "1",
        ["Api:RateLimit:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:RunServer"] = "false",
    };
}

/// <summary>Requests and assertions shared by the API tests.</summary>
public static class ApiCalls
{
    public const string ProblemJson = "application/problem+json";

    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    public static string ToJson(object value) => JsonSerializer.Serialize(value, Json);

    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, string body, string? idempotencyKey = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null) =>
        PostAsync(client, path, ToJson(body), idempotencyKey);

    /// <summary>A valid incident report placed in a grid by code.</summary>
    public static object Incident(string title = "人行道暴露垃圾", string gridCode = ApiDistrict.Grid1Code, string category = ApiDistrict.EventCategory,
        string? source = null, DateTimeOffset? reportedAt = null, string priority = "normal") => new
    {
        title,
        description = "青年路 12 号门前垃圾堆积。",
        source,
        categoryCode = category,
        priority,
        gridCode,
        reporterName = "李四",
        reporterPhone = "13812345678",
        reportedAt,
    };

    public static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    public static async Task<JsonNode> AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts the status and a problem+json body carrying the same status.</summary>
    public static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await AssertStatusAsync(response, status);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["title"]?.GetValue<string>()));
        return body;
    }

    public static async Task<JsonNode> CreateIncidentAsync(HttpClient client, object? body = null)
    {
        var response = await PostAsync(client, "/api/v1/incidents", body ?? Incident(), Guid.NewGuid().ToString("N"));
        return await AssertStatusAsync(response, HttpStatusCode.Created);
    }

    public static async Task<HttpResponseMessage> TransitionAsync(HttpClient client, long id, object command) =>
        await PostAsync(client, $"/api/v1/incidents/{id}/transitions", command);
}
