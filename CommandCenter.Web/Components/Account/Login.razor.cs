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

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override void OnInitialized() => Input ??= new LoginInput();

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
        var remoteIp = HttpContext.Connection.RemoteIpAddress?.ToString();

        if (result.Succeeded)
        {
            await Audit.AppendAsync(new AuditRecord(user?.Id, userName, AuditActions.SignIn, RemoteIp: remoteIp), HttpContext.RequestAborted);
            Logger.LogInformation("{User} signed in", userName);
            if (user is { MustChangePassword: true })
            {
                var back = LocalizationSetup.IsLocal(ReturnUrl) ? $"?returnUrl={Uri.EscapeDataString(ReturnUrl!)}" : string.Empty;
                Navigation.NavigateTo($"{PasswordChangeRequiredMiddleware.PagePath}{back}", forceLoad: true);
                return;
            }
            Navigation.NavigateTo(LocalizationSetup.IsLocal(ReturnUrl) ? ReturnUrl! : "/", forceLoad: true);
            return;
        }

        var reason = result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "not-allowed" : "bad-credentials";
        await Audit.AppendAsync(
            new AuditRecord(user?.Id, userName, AuditActions.SignInFailed, Detail: reason, RemoteIp: remoteIp), HttpContext.RequestAborted);
        Logger.LogWarning("Sign-in failed for {User}: {Reason}", userName, reason);
        _error = result.IsLockedOut ? L["Login.LockedOut"] : result.IsNotAllowed ? L["Login.NotAllowed"] : L["Login.Failed"];
    }

    private sealed class LoginInput
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }
}
