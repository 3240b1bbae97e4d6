using System.Text.RegularExpressions;
using CommandCenter.Data;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Components.Admin;

/// <summary>A key as the list shows it; never the key itself or its hash.</summary>
public sealed record ApiKeySummary(
    int Id, string Name, string Channel, string Prefix, string? ScopeCode, IReadOnlyList<string> Permissions,
    DateTime CreatedAt, string? CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public static ApiKeySummary From(ApiKey k) => new(
        k.Id, k.Name, k.Channel, k.Prefix, k.ScopeCode, ApiKeyPermissionNames.Names(k.Permissions), k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt);
}

/// <summary>What an administrator sends to make a key; the name defaults to the channel.</summary>
public sealed record NewApiKey(string? Channel, string? ScopeCode, IReadOnlyList<string>? Permissions, string? Name = null);

/// <summary>A new key: the whole key is in <see cref="Key"/> this once; only its hash is stored.</summary>
public sealed record CreatedApiKey(int Id, string Key, ApiKeySummary Summary);

/// <summary>
/// API keys for machine channels, for the /admin/api-keys page and the /api/v1/admin/api-keys API alike: list, create
/// (channel, optional scope, permissions; the key is shown once) and revoke. Revoking drops the key from this node's
/// lookup cache at once; other nodes stop accepting it when their cache entry expires (<see cref="ApiKeyLookupCache.CacheFor"/>).
/// </summary>
public sealed partial class ApiKeyAdministration(
    IDbContextFactory<CommandCenterDbContext> contextFactory, UserDirectory directory, ApiKeyLookupCache cache, AuditLog audit, TimeProvider time)
{
    public const int MaxKeys = 1000;

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).Take(MaxKeys).ToListAsync(cancellationToken);
        return [.. keys.OrderBy(k => k.RevokedAt is not null).Select(ApiKeySummary.From)];
    }

    public async Task<OperationResult<CreatedApiKey>> CreateAsync(NewApiKey request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, List<string>>();
        var channel = request.Channel?.Trim() ?? string.Empty;
        if (!ChannelPattern().IsMatch(channel))
        {
            errors["channel"] = ["Required: 1 to 32 lower-case letters, digits or hyphens, e.g. hotline-12345."];
        }
        var name = string.IsNullOrWhiteSpace(request.Name) ? channel : request.Name.Trim();
        if (name.Length > UserAdministration.MaxNameLength)
        {
            errors["name"] = [$"At most {UserAdministration.MaxNameLength} characters."];
        }
        if (!ApiKeyPermissionNames.TryParse(request.Permissions ?? [], out var permissions, out var unknown))
        {
            errors["permissions"] = [$"Unknown permission(s): {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Permissions are {string.Join(", ", ApiKeyPermissionNames.All.Select(p => p.Name))}."];
        }
        else if (permissions == ApiKeyPermissions.None)
        {
            errors["permissions"] = [$"Give at least one permission: {string.Join(", ", ApiKeyPermissionNames.All.Select(p => p.Name))}."];
        }
        var scopeCode = string.IsNullOrWhiteSpace(request.ScopeCode) ? null : request.ScopeCode.Trim();
        if (scopeCode is not null && !await directory.AreaExistsAsync(scopeCode, cancellationToken))
        {
            errors["scopeCode"] = [$"'{scopeCode}' is not the code of a district, street, community or grid of this district."];
        }
        if (errors.Count > 0)
        {
            return AdminResults.Invalid<CreatedApiKey>(errors);
        }

        var key = ApiKeyHasher.NewKey();
        var apiKey = new ApiKey
        {
            Name = name, Channel = channel, Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key), ScopeCode = scopeCode,
            Permissions = permissions, CreatedBy = actor.UserName, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync(cancellationToken);
        }
        // A lookup of this key made before it existed may be cached as a miss.
        cache.Entries.Remove(apiKey.KeyHash);
        var summary = ApiKeySummary.From(apiKey);
        await AuditAsync(actor, "api-key.create", apiKey, cancellationToken,
            AdminResults.Change("channel", null, channel), AdminResults.Change("name", null, name), AdminResults.Change("scopeCode", null, scopeCode),
            AdminResults.Change("permissions", null, summary.Permissions));
        return OperationResult<CreatedApiKey>.Ok(new CreatedApiKey(apiKey.Id, key, summary));
    }

    /// <summary>Revokes a key (a second revoke changes nothing); 404 for an unknown id.</summary>
    public async Task<OperationResult<ApiKeySummary>> RevokeAsync(int id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var apiKey = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (apiKey is null)
        {
            return OperationResult<ApiKeySummary>.NotFound($"There is no API key {id}.");
        }
        if (apiKey.RevokedAt is null)
        {
            apiKey.RevokedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await AuditAsync(actor, "api-key.revoke", apiKey, cancellationToken, AdminResults.Change("revokedAt", null, apiKey.RevokedAt.Value.ToString("O")));
        }
        cache.Entries.Remove(apiKey.KeyHash);
        return OperationResult<ApiKeySummary>.Ok(ApiKeySummary.From(apiKey));
    }

    private Task<AuditEntry> AuditAsync(AuditActor actor, string action, ApiKey key, CancellationToken cancellationToken, params string[] changes) =>
        audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, action, nameof(ApiKey), key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{key.Name} ({key.Prefix}…): {string.Join("; ", changes)}", actor.RemoteIp), cancellationToken);

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex ChannelPattern();
}
