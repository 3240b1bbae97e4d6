using System.Security.Claims;
using CommandCenter.Data.Identity;

namespace CommandCenter.Web.Authentication;

/// <summary>
/// A user whose password an administrator reset (<see cref="CommandCenterClaims.MustChangePassword"/>) may only change it:
/// page navigations go to /account/change-password, API and hub calls get 403. Sign-out, the account pages, the culture
/// switch and static files stay open. Wall-only accounts sign in by display link and are never asked.
/// </summary>
public sealed class PasswordChangeRequiredMiddleware(RequestDelegate next)
{
    public const string PagePath = "/account/change-password";

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (!user.HasClaim(CommandCenterClaims.MustChangePassword, "true") || IsExempt(context))
        {
            return next(context);
        }
        return Divert(context, PagePath, "Change your password first: the administrator reset it.");
    }

    /// <summary>
    /// True when a forced step must let the request through: not a signed-in cookie user (API keys are never diverted), a
    /// Wall-only account, or a path that stays open (sign-out and the account pages, the culture switch, static files).
    /// </summary>
    internal static bool IsExempt(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.Identity.AuthenticationType == AuthenticationSchemeNames.ApiKey
            || IsWallOnly(user))
        {
            return true;
        }
        var path = context.Request.Path;
        return path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/culture", StringComparison.OrdinalIgnoreCase)
            || Path.HasExtension(path.Value) || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True for an account with the Wall role and no other: the wall's unattended PC, signed in by display link.</summary>
    public static bool IsWallOnly(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Wall) && !Roles.All.Any(r => r != Roles.Wall && user.IsInRole(r));

    /// <summary>Page navigations go to the forced step's page (coming back afterwards); API and hub calls get 403 problem+json.</summary>
    internal static Task Divert(HttpContext context, string pagePath, string problem)
    {
        if (AuthenticationSetup.IsProgramRequest(context.Request))
        {
            return Api.ApiProblems.Forbidden(problem).ExecuteAsync(context);
        }
        var request = context.Request;
        context.Response.Redirect($"{request.PathBase}{pagePath}?returnUrl={Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString)}");
        return Task.CompletedTask;
    }
}
