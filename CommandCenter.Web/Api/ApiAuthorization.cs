using System.Security.Claims;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CommandCenter.Web.Api;

/// <summary>Who may do what through the API: each policy names the key permission a machine channel needs and the roles a session needs.</summary>
public static class ApiPolicies
{
    /// <summary>Report incidents (and media): keys with <c>report</c>; duty officers and admins.</summary>
    public const string Report = "api.report";

    /// <summary>Move incidents through their lifecycle, acknowledge SOS: keys with <c>handle</c>; duty officers and admins.</summary>
    public const string Handle = "api.handle";

    /// <summary>Raise SOS alarms: keys with <c>sos</c>; duty officers and admins.</summary>
    public const string Sos = "api.sos";

    /// <summary>Patrols: keys with <c>patrol</c>; duty officers and admins.</summary>
    public const string Patrol = "api.patrol";

    /// <summary>Service orders and micro-wishes: keys with <c>service-orders</c>; duty officers and admins.</summary>
    public const string ServiceOrders = "api.service-orders";

    /// <summary>Read incidents: keys with <c>read</c>; every role but Wall (a wall PC reads only what the wall shows).</summary>
    public const string Read = "api.read";

    /// <summary>Read registry summaries: keys with <c>read</c>; administrators, leaders and analysts.</summary>
    public const string RegistryRead = "api.registry-read";

    /// <summary>Upload imports: keys with <c>import</c>; admins.</summary>
    public const string Import = "api.import";

    public const string RateLimit = "api.per-client";

    private static readonly string[] Officers = [Roles.DutyOfficer, Roles.Admin];

    internal static readonly IReadOnlyList<(string Policy, ApiAccessRequirement Requirement)> All =
    [
        (Report, new ApiAccessRequirement(ApiKeyPermissions.Report, Officers)),
        (Handle, new ApiAccessRequirement(ApiKeyPermissions.Handle, Officers)),
        (Sos, new ApiAccessRequirement(ApiKeyPermissions.Sos, Officers)),
        (Patrol, new ApiAccessRequirement(ApiKeyPermissions.Patrol, Officers)),
        (ServiceOrders, new ApiAccessRequirement(ApiKeyPermissions.ServiceOrders, Officers)),
        (Read, new ApiAccessRequirement(ApiKeyPermissions.Read, [Roles.Admin, Roles.Leader, Roles.DutyOfficer, Roles.Analyst])),
        (RegistryRead, new ApiAccessRequirement(ApiKeyPermissions.Read, [Roles.Admin, Roles.Leader, Roles.Analyst])),
        (Import, new ApiAccessRequirement(ApiKeyPermissions.Import, [Roles.Admin])),
    ];

    /// <summary>True when the caller is a machine channel (an API key), not a signed-in user.</summary>
    public static bool IsApiKey(ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.NameIdentifier)?.Value.StartsWith("apikey:", StringComparison.Ordinal) == true;

    /// <summary>True when the caller is an API key holding the permission.</summary>
    public static bool KeyHolds(ClaimsPrincipal user, ApiKeyPermissions permission) =>
        IsApiKey(user) && user.HasClaim(CommandCenterClaims.Permission, ApiKeyPermissionNames.NameOf(permission));
}

/// <summary>An API key must hold <paramref name="Permission"/>; a session must have one of <paramref name="Roles"/> (any role when empty).</summary>
public sealed record ApiAccessRequirement(ApiKeyPermissions Permission, IReadOnlyList<string> Roles) : IAuthorizationRequirement;

internal sealed class ApiAccessHandler : AuthorizationHandler<ApiAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiAccessRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }
        var allowed = ApiPolicies.IsApiKey(user)
            ? ApiPolicies.KeyHolds(user, requirement.Permission)
            : requirement.Roles.Count == 0 || requirement.Roles.Any(user.IsInRole);
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// A key refused for lack of a permission gets 403 problem+json naming it (<c>missingPermission</c>), so the channel's
/// owner knows what to ask the administrator for; everything else is answered as usual.
/// </summary>
internal sealed class ApiAccessResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && ApiPolicies.IsApiKey(context.User)
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ApiAccessRequirement>().FirstOrDefault() is { } failed)
        {
            var name = ApiKeyPermissionNames.NameOf(failed.Permission);
            await ApiProblems.Status(StatusCodes.Status403Forbidden, "Forbidden", $"This API key lacks the '{name}' permission.",
                    new Dictionary<string, object?> { ["missingPermission"] = name })
                .ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
