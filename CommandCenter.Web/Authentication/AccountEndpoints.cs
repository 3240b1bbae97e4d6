using System.Security.Claims;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CommandCenter.Web.Authentication;

public static class AccountEndpoints
{
    /// <summary>POST /account/logout (form with antiforgery token): signs out, audits, and goes to the login page.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        MapLogout(endpoints);

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

    public sealed record CallerInfo(string Name, string AuthenticationType, string? Channel, string? Scope, IReadOnlyList<string> Roles);
}
