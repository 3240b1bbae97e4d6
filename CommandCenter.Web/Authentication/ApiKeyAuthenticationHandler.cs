using System.Security.Claims;
using System.Text.Encodings.Web;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Authentication;

/// <summary>
/// Authenticates machine channels by the X-Api-Key header: the key is hashed and looked up among keys not revoked.
/// The principal carries the key's channel and scope; anonymous or wrong keys are challenged with 401. Malformed,
/// unknown and revoked keys count against the client address (<see cref="FailureThrottle"/>, shared by every node):
/// beyond Security:MaxBadKeysPerMinute the address is answered 429 with Retry-After, before any key is looked up.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    ApiKeyLookupCache cache,
    TimeProvider time,
    FailureThrottle throttle,
    IOptions<FailureThrottleOptions> throttleOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{

    private const int MaxKeyLength = 256;
    private const string ThrottledItem = "CommandCenter.ApiKeyThrottledFor";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AuthenticationSchemeNames.ApiKeyHeader, out var values))
        {
            return AuthenticateResult.NoResult();
        }
        var address = ClientThrottle.AddressOf(Context);
        if (throttle.LimitedFor(ThrottleKind.BadApiKey, address) is { } limited)
        {
            Context.Items[ThrottledItem] = limited;
            return AuthenticateResult.Fail("Too many invalid API keys from this address.");
        }
        var key = values.ToString().Trim();
        if (key.Length == 0 || key.Length > MaxKeyLength)
        {
            return await BadKeyAsync(address, "Malformed API key.");
        }

        var hash = ApiKeyHasher.Hash(key);
        // Machine channels call many times a second: remember lookups briefly instead of querying per request.
        // LastUsedAt is written with each lookup, so it is exact to within the cache time.
        var apiKey = await cache.Entries.GetOrCreateAsync(hash, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ApiKeyLookupCache.CacheFor;
            entry.Size = 1;
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            var found = await db.ApiKeys.AsNoTracking()
                .Where(k => k.KeyHash == hash && k.RevokedAt == null)
                .Select(k => new ApiKeyLookupCache.KnownKey(k.Id, k.Name, k.Channel, k.ScopeCode, k.Permissions))
                .FirstOrDefaultAsync(CancellationToken.None);
            if (found is not null)
            {
                var now = time.GetUtcNow().UtcDateTime;
                await db.ApiKeys.Where(k => k.Id == found.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, now), CancellationToken.None);
            }
            return found;
        });
        if (apiKey is null)
        {
            Logger.LogWarning("Rejected an unknown or revoked API key (prefix {Prefix})", ApiKeyHasher.PrefixOf(key));
            return await BadKeyAsync(address, "Unknown or revoked API key.");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, $"apikey:{apiKey.Id}"),
            new(ClaimTypes.Name, apiKey.Name),
            new(CommandCenterClaims.Channel, apiKey.Channel),
        ];
        claims.AddRange(ApiKeyPermissionNames.Names(apiKey.Permissions).Select(p => new Claim(CommandCenterClaims.Permission, p)));
        if (!string.IsNullOrEmpty(apiKey.ScopeCode))
        {
            claims.Add(new Claim(CommandCenterClaims.Scope, apiKey.ScopeCode));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private async Task<AuthenticateResult> BadKeyAsync(string address, string failure)
    {
        if (await throttle.CountAsync(ThrottleKind.BadApiKey, address, throttleOptions.Value.MaxBadKeysPerMinute, CancellationToken.None) is { } wait)
        {
            Logger.LogWarning("Too many invalid API keys from one address: throttled for {Seconds} s", FailureThrottle.RetryAfterSeconds(wait));
            Context.Items[ThrottledItem] = wait;
        }
        return AuthenticateResult.Fail(failure);
    }

    /// <summary>A throttled address is answered 429 with Retry-After instead of the usual 401.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is TimeSpan wait)
        {
            await ClientThrottle.TooManyRequests(Context, wait, "Too many invalid API keys from this address.").ExecuteAsync(Context);
            return;
        }
        await base.HandleChallengeAsync(properties);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is TimeSpan wait)
        {
            await ClientThrottle.TooManyRequests(Context, wait, "Too many invalid API keys from this address.").ExecuteAsync(Context);
            return;
        }
        await base.HandleForbiddenAsync(properties);
    }
}

/// <summary>
/// Recent API-key lookups (hits and misses), bounded in size: a revoked key stops working within <see cref="CacheFor"/>,
/// and a flood of made-up keys cannot grow memory without limit.
/// </summary>
public sealed class ApiKeyLookupCache : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public sealed record KnownKey(int Id, string Name, string Channel, string? ScopeCode, ApiKeyPermissions Permissions);

    public MemoryCache Entries { get; } = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public void Dispose() => Entries.Dispose();
}
