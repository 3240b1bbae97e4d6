using System.Security.Claims;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Authentication;

/// <summary>
/// A disabled account cannot sign in, and its cookie fails the next security-stamp check (signed out). Failed
/// password sign-ins count per client address and per user name (<see cref="FailureThrottle"/>, shared by every node,
/// on top of Identity's per-account lockout): beyond Security:MaxFailedSignInsPerMinute the sign-in is refused as
/// locked out without checking the password, audited as <see cref="ThrottledAuditAction"/>.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    FailureThrottle throttle,
    IOptions<FailureThrottleOptions> throttleOptions,
    AuditLog audit)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public const string ThrottledAuditAction = "sign-in.throttled";

    /// <summary>HttpContext.Items key: how long a throttled sign-in must wait (a <see cref="TimeSpan"/>), for the login page's message.</summary>
    public const string ThrottledForItem = "CommandCenter.SignInThrottledFor";

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var address = ClientThrottle.AddressOf(Context);
        var limit = throttleOptions.Value.MaxFailedSignInsPerMinute;
        var wait = await throttle.PeekAsync(ThrottleKind.SignInAddress, address, limit)
            ?? await throttle.PeekAsync(ThrottleKind.SignInUser, userName, limit);
        if (wait is { } throttled)
        {
            Context.Items[ThrottledForItem] = throttled;
            Logger.LogWarning("Sign-in throttled for {Seconds} s (too many failures from the address or for the user name)", FailureThrottle.RetryAfterSeconds(throttled));
            await audit.AppendAsync(new AuditRecord(null, userName.Length > 256 ? userName[..256] : userName, ThrottledAuditAction,
                Detail: $"retry after {FailureThrottle.RetryAfterSeconds(throttled)} s", RemoteIp: Context.Connection.RemoteIpAddress?.ToString()));
            return SignInResult.LockedOut;
        }
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure);
        if (!result.Succeeded && !result.RequiresTwoFactor)
        {
            await throttle.CountAsync(ThrottleKind.SignInAddress, address, limit);
            await throttle.CountAsync(ThrottleKind.SignInUser, userName, limit);
        }
        return result;
    }

    public override async Task<bool> CanSignInAsync(AppUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}

/// <summary>Adds the display name (and scope) to the principal, for the app bar and scoped queries.</summary>
public sealed class AppUserClaimsFactory(
    UserManager<AppUser> userManager, RoleManager<AppRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CommandCenterClaims.DisplayName, user.DisplayName));
        if (!string.IsNullOrEmpty(user.ScopeCode))
        {
            identity.AddClaim(new Claim(CommandCenterClaims.Scope, user.ScopeCode));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(CommandCenterClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}
