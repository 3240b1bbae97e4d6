using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Web.Components.Account;

/// <summary>
/// The signed-in user sets a new password (a static form like the sign-in page). After an administrator's reset the
/// sign-in leads here and every other page waits until it is done (<see cref="Authentication.PasswordChangeRequiredMiddleware"/>).
/// </summary>
public partial class ChangePassword
{
    private readonly List<string> _errors = [];

    [Inject]
    private UserManager<AppUser> Users { get; set; } = default!;

    [Inject]
    private SignInManager<AppUser> SignInManager { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "change-password")]
    private PasswordInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override void OnInitialized() => Input ??= new PasswordInput();

    private async Task ChangeAsync()
    {
        _errors.Clear();
        var user = await Users.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            Navigation.NavigateTo("/account/login", forceLoad: true);
            return;
        }
        if (string.IsNullOrEmpty(Input.CurrentPassword) || string.IsNullOrEmpty(Input.NewPassword))
        {
            _errors.Add(Text["ChangePassword.Required"]);
            return;
        }
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            _errors.Add(Text["ChangePassword.Mismatch"]);
            return;
        }
        if (Input.NewPassword == Input.CurrentPassword)
        {
            _errors.Add(Text["ChangePassword.Same"]);
            return;
        }
        var result = await Users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            _errors.AddRange(result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? Text["ChangePassword.WrongCurrent"] : e.Description));
            return;
        }
        var wasRequired = user.MustChangePassword;
        user.MustChangePassword = false;
        await Users.UpdateAsync(user);
        await SignInManager.RefreshSignInAsync(user);
        await Audit.AppendAsync(new AuditRecord(user.Id, user.UserName ?? "?", "user.change-password", nameof(AppUser), user.Id,
            $"{user.UserName}: password: changed; mustChangePassword: {(wasRequired ? "true" : "false")} → false",
            HttpContext.Connection.RemoteIpAddress?.ToString()), HttpContext.RequestAborted);
        Navigation.NavigateTo(LocalizationSetup.IsLocal(ReturnUrl) ? ReturnUrl! : "/", forceLoad: true);
    }

    private sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
