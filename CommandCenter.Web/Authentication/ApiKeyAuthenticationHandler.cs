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
/// The principal carries the key's channel and scope; anonymous or wrong keys are challenged with 401.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    ApiKeyLookupCache cache,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{

    private const int MaxKeyLength = 256;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AuthenticationSchemeNames.ApiKeyHeader, out var values))
        {
            return AuthenticateResult.NoResult();
        }
        var key = values.ToString().Trim();
        if (key.Length == 0 || key.Length > MaxKeyLength)
        {
            return AuthenticateResult.Fail("Malformed API key.");
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
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, $"apikey:{apiKey.Id}"),
            new(ClaimTypes.Name, apiKey.Name),
            new(CommandCenterClaims.Channel, apiKey.Channel),
        ];
        if (!string.IsNullOrEmpty(apiKey.ScopeCode))
        {
            claims.Add(new Claim(CommandCenterClaims.Scope, apiKey.ScopeCode));
        }
        foreach (var permission in ApiKeyPermissionNames.Names(apiKey.Permissions))
        {
            claims.Add(new Claim(CommandCenterClaims.Permission, permission));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
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
