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
        if (user.Identity?.IsAuthenticated != true || !user.HasClaim(CommandCenterClaims.MustChangePassword, "true")
            || (user.IsInRole(Roles.Wall) && !Roles.All.Any(r => r != Roles.Wall && user.IsInRole(r))))
        {
            return next(context);
        }
        var path = context.Request.Path;
        if (path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/culture", StringComparison.OrdinalIgnoreCase)
            || Path.HasExtension(path.Value) || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }
        if (AuthenticationSetup.IsProgramRequest(context.Request))
        {
            return Api.ApiProblems.Forbidden("Change your password first: the administrator reset it.").ExecuteAsync(context);
        }
        context.Response.Redirect($"{context.Request.PathBase}{PagePath}?returnUrl={Uri.EscapeDataString(context.Request.PathBase + path + context.Request.QueryString)}");
        return Task.CompletedTask;
    }
}
