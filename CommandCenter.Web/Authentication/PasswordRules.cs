using CommandCenter.Data.Identity;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Web.Authentication;

/// <summary>
/// Refuses a password that is the user name or contains it (case-insensitive). Identity runs it for every password it
/// sets: admin-created users, resets, the change-password page and <c>create-admin</c>.
/// </summary>
public sealed class UserNamePasswordValidator(IStringLocalizer<SharedResource> text) : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "PasswordContainsUserName";

    /// <summary>Names shorter than this are only refused as the whole password (one or two letters occur by chance).</summary>
    public const int MinimumContainedLength = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var userName = user.UserName?.Trim();
        if (string.IsNullOrEmpty(password) || string.IsNullOrEmpty(userName))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var refused = string.Equals(password, userName, StringComparison.OrdinalIgnoreCase)
            || (userName.Length >= MinimumContainedLength && password.Contains(userName, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(refused
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = text["Password.ContainsUserName"] })
            : IdentityResult.Success);
    }
}

/// <summary>Identity's password messages in the UI language (zh-CN by default) instead of its built-in English.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> text) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = text["Password.TooShort", length] };

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = text["Password.RequiresNonAlphanumeric"] };

    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = text["Password.RequiresDigit"] };

    public override IdentityError PasswordRequiresLower() =>
        new() { Code = nameof(PasswordRequiresLower), Description = text["Password.RequiresLower"] };

    public override IdentityError PasswordRequiresUpper() =>
        new() { Code = nameof(PasswordRequiresUpper), Description = text["Password.RequiresUpper"] };
}
