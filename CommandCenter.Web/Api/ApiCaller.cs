using System.Security.Claims;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Authentication;

namespace CommandCenter.Web.Api;

/// <summary>Who is calling: a machine channel (API key) or a signed-in user, with the part of the hierarchy they may touch.</summary>
public sealed record ApiCaller(string ClientId, IncidentActor Actor, string? ScopeCode, string? Channel)
{
    public static ApiCaller From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var isKey = id.StartsWith("apikey:", StringComparison.Ordinal);
        var name = user.FindFirstValue(CommandCenterClaims.DisplayName) ?? user.Identity?.Name ?? id;
        return new ApiCaller(
            isKey ? id : $"user:{id}",
            new IncidentActor(isKey ? null : id, name),
            user.FindFirstValue(CommandCenterClaims.Scope),
            user.FindFirstValue(CommandCenterClaims.Channel));
    }
}

public static class AuditActorExtensions
{
    /// <summary>The caller of this request as the audit trail records it, with the client's address.</summary>
    public static AuditActor AuditActor(this HttpContext http) => Data.Auditing.AuditActor.From(http.User, http.Connection.RemoteIpAddress?.ToString());
}
