using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Components.Wall;

/// <summary>A wall account as the administrators' display page shows it: whether an unused link waits, and until when.</summary>
public sealed record WallAccount(string UserName, bool Disabled, DateTime? LinkExpiresAt);

/// <summary>
/// Makes and revokes the wall PCs' one-time display links (see <see cref="WallDisplayLinks"/>), for the API and for the
/// administrators' page alike: only for Wall accounts, stored hashed, audited.
/// </summary>
public sealed class WallDisplayLinkService(UserManager<AppUser> users, AuditLog audit, TimeProvider time)
{
    public const int DefaultHours = 24;
    public const int MaxHours = 24 * 30;

    /// <summary>The Wall accounts, with their pending link's expiry (null when none is waiting or it expired).</summary>
    public async Task<IReadOnlyList<WallAccount>> AccountsAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var accounts = new List<WallAccount>();
        foreach (var user in (await users.GetUsersInRoleAsync(Roles.Wall)).OrderBy(u => u.UserName, StringComparer.Ordinal))
        {
            var stored = await users.GetAuthenticationTokenAsync(user, WallDisplayLinks.LoginProvider, WallDisplayLinks.TokenName);
            DateTime? expires = stored?.Split('|', 3) is [_, var ticks, _] && long.TryParse(ticks, CultureInfo.InvariantCulture, out var t) && t > now.Ticks
                ? new DateTime(t, DateTimeKind.Utc)
                : null;
            accounts.Add(new WallAccount(user.UserName!, user.IsDisabled, expires));
        }
        return accounts;
    }

    /// <summary>A new link for a Wall account (replacing an unused one), or null when the name is not a Wall account.</summary>
    public async Task<WallDisplayLinks.CreatedLink?> CreateAsync(
        string? userName, int? validForHours, string? query, AuditActor actor, string baseUrl, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (user is null || !await users.IsInRoleAsync(user, Roles.Wall))
        {
            return null;
        }
        var hours = validForHours is >= 1 and <= MaxHours ? validForHours.Value : DefaultHours;
        var expiresAt = time.GetUtcNow().UtcDateTime.AddHours(hours);
        var secret = WallDisplayLinks.Base64Url(RandomNumberGenerator.GetBytes(32));
        var localQuery = WallDisplayLinks.LocalQuery(query);
        await users.SetAuthenticationTokenAsync(user, WallDisplayLinks.LoginProvider, WallDisplayLinks.TokenName,
            $"{WallDisplayLinks.Hash(secret)}|{expiresAt.Ticks}|{localQuery}");
        await audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, "wall.display-link.create", "User", user.Id, $"expires {expiresAt:O}", actor.RemoteIp),
            cancellationToken);
        var url = $"{baseUrl.TrimEnd('/')}{WallDisplayLinks.LinkPath}/{user.Id}.{secret}";
        return new WallDisplayLinks.CreatedLink(user.UserName!, url, expiresAt);
    }

    /// <summary>Removes an unused link and signs every display of the account out; false when the name is not a Wall account.</summary>
    public async Task<bool> RevokeAsync(string userName, AuditActor actor, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null || !await users.IsInRoleAsync(user, Roles.Wall))
        {
            return false;
        }
        await users.RemoveAuthenticationTokenAsync(user, WallDisplayLinks.LoginProvider, WallDisplayLinks.TokenName);
        await users.UpdateSecurityStampAsync(user);
        await audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, "wall.display-link.revoke", "User", user.Id, RemoteIp: actor.RemoteIp),
            cancellationToken);
        return true;
    }
}
