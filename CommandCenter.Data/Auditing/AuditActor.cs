using System.Security.Claims;

namespace CommandCenter.Data.Auditing;

/// <summary>Who makes a change, as the audit trail records it: the user's id and name, and the address the request came from.</summary>
public sealed record AuditActor(string? UserId, string UserName, string? RemoteIp)
{
    public static AuditActor From(ClaimsPrincipal user, string? remoteIp = null) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "?", remoteIp);
}
