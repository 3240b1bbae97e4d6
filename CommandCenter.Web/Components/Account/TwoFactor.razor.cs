using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Components.Account;

/// <summary>
/// Two-factor sign-in for the signed-in user (a static form like the sign-in page): the shared key and its QR code, a code
/// to confirm, then the recovery codes once; later, new recovery codes or (when no role requires it) turning it off, each
/// with a current code. <see cref="TwoFactorRequiredMiddleware"/> sends users whose role requires it here first.
/// </summary>
public partial class TwoFactor
{
    private AuthenticatorSetup? _setup;
    private IReadOnlyList<string>? _recoveryCodes;
    private bool _enabled;
    private bool _required;
    private int _codesLeft;
    private string? _message;
    private string? _error;
    private AppUser? _user;

    [Inject]
    private UserManager<AppUser> Users { get; set; } = default!;

    [Inject]
    private SignInManager<AppUser> SignInManager { get; set; } = default!;

    [Inject]
    private TwoFactorAccounts Accounts { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "two-factor-enable")]
    private CodeInput Enable { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "two-factor-renew")]
    private CodeInput Renew { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "two-factor-disable")]
    private CodeInput Disable { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private string ContinueUrl => LocalizationSetup.IsLocal(ReturnUrl) ? ReturnUrl! : "/";

    private AuditActor Actor => AuditActor.From(HttpContext.User, HttpContext.Connection.RemoteIpAddress?.ToString());

    protected override async Task OnInitializedAsync()
    {
        Enable ??= new CodeInput();
        Renew ??= new CodeInput();
        Disable ??= new CodeInput();
        _user = await Users.GetUserAsync(HttpContext.User);
        if (_user is null)
        {
            Navigation.NavigateTo("/account/login", forceLoad: true);
            return;
        }
        _required = Accounts.IsRequiredFor(HttpContext.User);
        await LoadAsync(_user);
    }

    private async Task LoadAsync(AppUser user)
    {
        _enabled = await Accounts.IsEnabledAsync(user);
        _codesLeft = _enabled ? await Accounts.RecoveryCodesLeftAsync(user) : 0;
        _setup = _enabled ? null : await Accounts.SetupAsync(user);
    }

    private async Task EnableAsync()
    {
        if (_user is null || _enabled)
        {
            return;
        }
        _recoveryCodes = await Accounts.EnableAsync(_user, Enable.Code, Actor, HttpContext.RequestAborted);
        if (_recoveryCodes is null)
        {
            _error = L["TwoFactor.WrongCode"];
            return;
        }
        // Turning it on changed the security stamp: renew this session's cookie so it stays valid.
        await SignInManager.RefreshSignInAsync(_user);
        _enabled = true;
        _message = L["TwoFactor.Enabled"];
    }

    private async Task RenewAsync()
    {
        if (_user is null)
        {
            return;
        }
        _recoveryCodes = await Accounts.RenewRecoveryCodesAsync(_user, Renew.Code, Actor, HttpContext.RequestAborted);
        if (_recoveryCodes is null)
        {
            _error = L["TwoFactor.WrongCode"];
            return;
        }
        _message = L["TwoFactor.Renewed"];
    }

    private async Task DisableAsync()
    {
        if (_user is null || _required)
        {
            return;
        }
        if (!await Accounts.DisableAsync(_user, Disable.Code, Actor, HttpContext.RequestAborted))
        {
            _error = L["TwoFactor.WrongCode"];
            return;
        }
        await SignInManager.RefreshSignInAsync(_user);
        _message = L["TwoFactor.Disabled"];
        await LoadAsync(_user);
    }

    private sealed class CodeInput
    {
        public string? Code { get; set; }
    }
}
