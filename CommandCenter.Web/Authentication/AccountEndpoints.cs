using System.Security.Claims;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CommandCenter.Web.Authentication;

public static class AccountEndpoints
{
    /// <summary>POST /account/logout (form with antiforgery token): signs out, audits, and goes to the login page.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        MapLogout(endpoints);
        MapIdleSignOut(endpoints);

        // GET /api/me: who the caller is (a machine channel checks its key with it).
        endpoints.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(new CallerInfo(
            user.Identity?.Name ?? string.Empty,
            user.Identity?.AuthenticationType ?? string.Empty,
            user.FindFirstValue(CommandCenterClaims.Channel),
            user.FindFirstValue(CommandCenterClaims.Scope),
            [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)])));
        return endpoints;
    }

    private static void MapLogout(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/account/logout", async (
            ClaimsPrincipal user,
            SignInManager<AppUser> signInManager,
            AuditLog audit,
            HttpContext context,
            [FromForm] string? returnUrl) =>
        {
            if (user.Identity?.IsAuthenticated == true)
            {
                await audit.AppendAsync(new AuditRecord(
                    user.FindFirstValue(ClaimTypes.NameIdentifier),
                    user.Identity.Name ?? "?",
                    AuditActions.SignOut,
                    RemoteIp: context.Connection.RemoteIpAddress?.ToString()), context.RequestAborted);
            }
            await signInManager.SignOutAsync();
            var back = LocalizationSetup.IsLocal(returnUrl) && returnUrl != "/" ? $"?returnUrl={Uri.EscapeDataString(returnUrl!)}" : string.Empty;
            return TypedResults.LocalRedirect($"/account/login{back}");
        });

    /// <summary>
    /// GET /account/idle-signout?token=…&amp;returnUrl=…: where an idle circuit sends its browser (<see cref="IdleSessionMonitor"/>).
    /// With a valid token for the signed-in user it signs out (audited, detail "idle") and shows the login page with the
    /// idle notice; without one it signs nobody out, so another site cannot end a session by linking here.
    /// GET /account/keep-alive: the browser's activity script calls it so that real input, not SignalR traffic, slides the cookie.
    /// </summary>
    private static void MapIdleSignOut(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(IdleSessionMonitor.SignOutPath, async (
            ClaimsPrincipal user,
            SignInManager<AppUser> signInManager,
            IDataProtectionProvider protection,
            AuditLog audit,
            HttpContext context,
            [FromQuery] string? token,
            [FromQuery] string? returnUrl) =>
        {
            var back = LocalizationSetup.IsLocal(returnUrl) ? returnUrl! : "/";
            if (!IdleSessionMonitor.IsValidToken(protection, token, user))
            {
                return TypedResults.LocalRedirect(back);
            }
            await audit.AppendAsync(new AuditRecord(
                user.FindFirstValue(ClaimTypes.NameIdentifier),
                user.Identity?.Name ?? "?",
                AuditActions.SignOut,
                Detail: "idle",
                RemoteIp: context.Connection.RemoteIpAddress?.ToString()), context.RequestAborted);
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect($"/account/login?idle=true&ReturnUrl={Uri.EscapeDataString(back)}");
        }).AllowAnonymous();
        endpoints.MapGet("/account/keep-alive", () => TypedResults.NoContent());
    }

    public sealed record CallerInfo(string Name, string AuthenticationType, string? Channel, string? Scope, IReadOnlyList<string> Roles);
}
