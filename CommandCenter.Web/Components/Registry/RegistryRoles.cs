using System.Security.Claims;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Registry;
using CommandCenter.Web.Authentication;

namespace CommandCenter.Web.Components.Registry;

/// <summary>Who may use the registries, and who may unmask one record.</summary>
public static class RegistryRoles
{
    public const string AllowedList = Roles.Admin + "," + Roles.Leader + "," + Roles.Analyst;

    public static bool Allows(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leader) || user.IsInRole(Roles.Analyst);

    /// <summary>Unmasking personal data: administrators only (there is no finer permission concept yet).</summary>
    public static bool MayUnmask(ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static RegistryActor ActorOf(ClaimsPrincipal user, string? remoteIp = null) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(CommandCenterClaims.DisplayName) ?? user.Identity?.Name ?? "?",
        user.FindFirstValue(CommandCenterClaims.Scope),
        MayUnmask(user),
        remoteIp);
}
