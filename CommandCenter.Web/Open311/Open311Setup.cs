using System.Globalization;
using System.Threading.RateLimiting;
using CommandCenter.Web.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Open311;

/// <summary>Settings shown by discovery.{format} (section "Open311"); all optional.</summary>
public sealed class Open311Options
{
    public const string SectionName = "Open311";

    public string Contact { get; set; } = "CommandCenter 指挥中心值班室";
    public string KeyService { get; set; } = "API keys (channel open311) are issued by the command centre's administrator.";
    /// <summary>The public base URL of /open311/v2 when the app runs behind a proxy; otherwise taken from the request.</summary>
    public string? BaseUrl { get; set; }
    /// <summary>When services last changed; defaults to the app's start (clients then refresh their cached service list after deploys).</summary>
    public DateTimeOffset? Changeset { get; set; }
}

public static class Open311Setup
{
    public const string BasePath = "/open311";
    public const string V2Path = "/open311/v2";

    /// <summary>
    /// GeoReport v2 at /open311/v2, every resource as .xml or .json. Anonymous at the ASP.NET level: the handlers check
    /// api_key / X-Api-Key / the cookie themselves and answer the spec's error list. Rate-limited per key like the API.
    /// </summary>
    public static WebApplication MapOpen311(this WebApplication app)
    {
        var root = app.MapGroup(BasePath).AllowAnonymous().ExcludeFromDescription()
            .RequireRateLimiting(new Open311RateLimitPolicy());
        var v2 = root.MapGroup("/v2");
        v2.MapOpen311Endpoints();
        // Anything else under /open311: the spec's 404, never a login redirect or an HTML page.
        root.Map("/{**rest}", (HttpContext http) =>
            Open311Errors.NotFound(Open311Formats.Parse(Path.GetExtension(http.Request.Path.Value)?.TrimStart('.')) ?? Open311Format.Xml,
                "No such Open311 resource. GeoReport v2 lives at /open311/v2 (discovery.xml, services.xml, requests.xml, …)."));
        return app;
    }

    public static Open311Options Options(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IConfiguration>().GetSection(Open311Options.SectionName).Get<Open311Options>() ?? new Open311Options();
        options.Changeset ??= StartedAt;
        return options;
    }

    private static readonly DateTimeOffset StartedAt = TrimToSeconds(DateTimeOffset.UtcNow);

    private static DateTimeOffset TrimToSeconds(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset);
}

/// <summary>
/// The API's token bucket (Api:RateLimit), partitioned by the key's hash, the signed-in client or the remote address;
/// a rejection is the spec's error list with 429 and Retry-After.
/// </summary>
internal sealed class Open311RateLimitPolicy : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Open311Errors.Status(Open311Formats.Of(http), StatusCodes.Status429TooManyRequests, $"Too many requests; retry after {retryAfter} s.")
            .ExecuteAsync(http);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var limits = httpContext.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
        return RateLimitPartition.GetTokenBucketLimiter(Open311Authentication.PartitionKey(httpContext), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = limits.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
