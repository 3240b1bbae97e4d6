using System.Security.Claims;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Api;
using CommandCenter.Web.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Open311;

/// <summary>
/// Open311 GETs are usually public, but this product requires sign-in everywhere. The group is anonymous at the
/// ASP.NET level and every handler checks here: an <c>api_key</c> (query parameter, or form field on POST), else the
/// X-Api-Key header, else the app's cookie. No credentials → 401; an unknown or revoked key → 403; a key without the
/// <c>report</c> permission (POST) or the <c>read</c> permission (GET) → 403 naming it. Invalid keys count against
/// the client address like the API's (<see cref="FailureThrottle"/>): beyond the limit, 429 with Retry-After, unlooked-up.
/// </summary>
public static class Open311Authentication
{
    public const string ApiKeyField = "api_key";
    private const int MaxKeyLength = 256;

    /// <param name="apiKey">The api_key field (form or query) when the request carried one.</param>
    /// <param name="report">True for POST requests.json: cookie sessions must be duty officers or admins and same-origin.</param>
    public static async Task<(ApiCaller? Caller, Open311Result? Error)> AuthenticateAsync(
        HttpContext http, string? apiKey, bool report, Open311Format format, IDbContextFactory<CommandCenterDbContext> contexts, CancellationToken cancellationToken)
    {
        var key = apiKey ?? (http.Request.Headers.TryGetValue(AuthenticationSchemeNames.ApiKeyHeader, out var header) ? header.ToString() : null);
        if (key is not null)
        {
            key = key.Trim();
            if (key.Length == 0)
            {
                return (null, Open311Errors.Unauthorized(format));
            }
            var throttle = http.RequestServices.GetRequiredService<FailureThrottle>();
            var address = ClientThrottle.AddressOf(http);
            if (throttle.LimitedFor(ThrottleKind.BadApiKey, address) is { } limited)
            {
                return (null, TooManyBadKeys(http, format, limited));
            }
            var found = key.Length > MaxKeyLength ? null : await FindKeyAsync(key, contexts, cancellationToken);
            if (found is not { } known)
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<FailureThrottleOptions>>().Value.MaxBadKeysPerMinute;
                return (null, await throttle.CountAsync(ThrottleKind.BadApiKey, address, limit, CancellationToken.None) is { } wait
                    ? TooManyBadKeys(http, format, wait)
                    : Open311Errors.Forbidden(format, "Invalid api_key."));
            }
            var needed = report ? ApiKeyPermissions.Report : ApiKeyPermissions.Read;
            return known.Permissions.HasFlag(needed)
                ? (known.Caller, null)
                : (null, Open311Errors.Forbidden(format, $"This api_key lacks the '{ApiKeyPermissionNames.NameOf(needed)}' permission."));
        }

        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return (null, Open311Errors.Unauthorized(format));
        }
        if (report)
        {
            if (!user.IsInRole(Roles.DutyOfficer) && !user.IsInRole(Roles.Admin))
            {
                return (null, Open311Errors.Forbidden(format, "Reporting needs an api_key, or a duty officer's or admin's session."));
            }
            // A form post is a "simple" cross-site request: a cookie session only reports from our own origin.
            var origin = http.Request.Headers.Origin.ToString();
            if (origin.Length > 0 && !SameOriginHandshakeMiddleware.IsSameHost(origin, http.Request.Host))
            {
                return (null, Open311Errors.Forbidden(format, "Cross-site reports with a session cookie are refused; send an api_key."));
            }
        }
        return (ApiCaller.From(user), null);
    }

    private static Open311Result TooManyBadKeys(HttpContext http, Open311Format format, TimeSpan wait)
    {
        var seconds = ClientThrottle.SetRetryAfter(http, wait);
        return Open311Errors.Status(format, StatusCodes.Status429TooManyRequests, $"Too many invalid api_key attempts from this address; retry after {seconds} s.");
    }

    private static async Task<(ApiCaller Caller, ApiKeyPermissions Permissions)?> FindKeyAsync(
        string key, IDbContextFactory<CommandCenterDbContext> contexts, CancellationToken cancellationToken)
    {
        var hash = ApiKeyHasher.Hash(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.Channel, k.ScopeCode, k.Permissions })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : (new ApiCaller($"apikey:{row.Id}", new IncidentActor(null, row.Name), string.IsNullOrEmpty(row.ScopeCode) ? null : row.ScopeCode, row.Channel),
                row.Permissions);
    }

    /// <summary>The rate limiter's partition: the key's hash, the signed-in client, or the remote address.</summary>
    public static string PartitionKey(HttpContext http)
    {
        var key = http.Request.Query.TryGetValue(ApiKeyField, out var query) && query.Count > 0 ? query[0]
            : http.Request.Headers.TryGetValue(AuthenticationSchemeNames.ApiKeyHeader, out var header) ? header.ToString()
            : null;
        if (!string.IsNullOrWhiteSpace(key) && key.Length <= MaxKeyLength)
        {
            return "open311:key:" + ApiKeyHasher.Hash(key.Trim());
        }
        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not null)
        {
            return "open311:" + ApiCaller.From(http.User).ClientId;
        }
        return "open311:ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
