using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Components.Account;

/// <summary>The sign-in form: a static server-rendered page posting back with an antiforgery token.</summary>
public partial class Login
{
    private string? _error;
    private bool _secondFactor;

    [Inject]
    private SignInManager<AppUser> SignInManager { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<Login> Logger { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "login")]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "login-2fa")]
    private CodeInput Code { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    /// <summary>Set by the idle sign-out of an open page (<see cref="IdleSessionMonitor"/>): the page says why.</summary>
    [SupplyParameterFromQuery]
    private bool Idle { get; set; }

    private string? RemoteIp => HttpContext.Connection.RemoteIpAddress?.ToString();

    protected override void OnInitialized()
    {
        Input ??= new LoginInput();
        // The code form was posted: render it again, so the post finds its form (and a wrong code can be retried).
        _secondFactor = Code is not null;
        Code ??= new CodeInput();
    }

    private async Task SignInAsync()
    {
        var userName = Input.UserName?.Trim() ?? string.Empty;
        if (userName.Length == 0 || string.IsNullOrEmpty(Input.Password))
        {
            _error = L["Login.Required"];
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var user = await SignInManager.UserManager.FindByNameAsync(userName);

        if (result.Succeeded && user is not null)
        {
            await CompleteAsync(user, detail: null);
            return;
        }
        if (result.RequiresTwoFactor)
        {
            // The password was right; Identity's two-factor cookie now remembers the user for the code step.
            _secondFactor = true;
            return;
        }

        if (HttpContext.Items[AppSignInManager.ThrottledForItem] is TimeSpan throttled)
        {
            // Too many failures from this address or for this name, on any node: audited by the sign-in manager already.
            _error = L["Login.Throttled", Math.Max(1, (int)Math.Ceiling(throttled.TotalMinutes))];
            return;
        }
        var reason = result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "not-allowed" : "bad-credentials";
        await Audit.AppendAsync(
            new AuditRecord(user?.Id, userName, AuditActions.SignInFailed, Detail: reason, RemoteIp: RemoteIp), HttpContext.RequestAborted);
        Logger.LogWarning("Sign-in failed for {User}: {Reason}", userName, reason);
        _error = result.IsLockedOut ? L["Login.LockedOut"] : result.IsNotAllowed ? L["Login.NotAllowed"] : L["Login.Failed"];
    }

    /// <summary>The second step: a six-digit authenticator code, or one of the recovery codes (each works once).</summary>
    private async Task VerifyCodeAsync()
    {
        var user = await SignInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            _error = L["Login.TwoFactorExpired"];
            return;
        }
        var code = TwoFactorAccounts.Normalize(Code.Code);
        var recoveryCode = TwoFactorAccounts.NormalizeRecoveryCode(Code.Code);
        var byAuthenticator = TwoFactorAccounts.IsAuthenticatorCode(code);
        SignInResult result;
        if (byAuthenticator)
        {
            result = await SignInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        }
        else if (await SignInManager.UserManager.IsLockedOutAsync(user))
        {
            result = SignInResult.LockedOut;
        }
        else
        {
            result = recoveryCode.Length == 0 ? SignInResult.Failed : await SignInManager.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
            if (!result.Succeeded)
            {
                // Identity counts wrong authenticator codes toward lockout but not wrong recovery codes: count them here.
                await SignInManager.UserManager.AccessFailedAsync(user);
                result = await SignInManager.UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
            }
        }

        if (result.Succeeded)
        {
            await CompleteAsync(user, byAuthenticator ? "2fa" : "2fa-recovery-code");
            return;
        }
        var reason = result.IsLockedOut ? "locked-out" : byAuthenticator ? "bad-code" : "bad-recovery-code";
        await Audit.AppendAsync(new AuditRecord(user.Id, user.UserName ?? "?", TwoFactorAuditActions.SignInFailed, Detail: reason, RemoteIp: RemoteIp),
            HttpContext.RequestAborted);
        Logger.LogWarning("Second factor failed for {User}: {Reason}", user.UserName, reason);
        _secondFactor = !result.IsLockedOut;
        _error = result.IsLockedOut ? L["Login.LockedOut"] : L["Login.TwoFactorFailed"];
    }

    private async Task CompleteAsync(AppUser user, string? detail)
    {
        await Audit.AppendAsync(new AuditRecord(user.Id, user.UserName ?? "?", AuditActions.SignIn, Detail: detail, RemoteIp: RemoteIp), HttpContext.RequestAborted);
        Logger.LogInformation("{User} signed in", user.UserName);
        if (user.MustChangePassword)
        {
            var back = LocalizationSetup.IsLocal(ReturnUrl) ? $"?returnUrl={Uri.EscapeDataString(ReturnUrl!)}" : string.Empty;
            Navigation.NavigateTo($"{PasswordChangeRequiredMiddleware.PagePath}{back}", forceLoad: true);
            return;
        }
        Navigation.NavigateTo(LocalizationSetup.IsLocal(ReturnUrl) ? ReturnUrl! : "/", forceLoad: true);
    }

    private sealed class LoginInput
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    private sealed class CodeInput
    {
        public string? Code { get; set; }
    }
}
