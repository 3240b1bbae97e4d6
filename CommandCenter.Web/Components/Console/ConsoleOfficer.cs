using System.Security.Claims;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;

namespace CommandCenter.Web.Components.Console;

/// <summary>The signed-in user as the acting officer: id, display name, scope and roles from the circuit's principal.</summary>
public static class ConsoleOfficer
{
    /// <summary>Roles that may open the console (the page's authorization and the nav link use it).</summary>
    public const string AllowedRoles = Roles.DutyOfficer + "," + Roles.Admin;

    public static ActingOfficer From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(CommandCenterClaims.DisplayName) ?? user.Identity?.Name ?? "?",
        user.FindFirstValue(CommandCenterClaims.Scope) is { Length: > 0 } scope ? scope : null,
        [.. Roles.All.Where(user.IsInRole)]);
}
