using System.Security.Claims;
using System.Text;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;

namespace CommandCenter.Web.Authentication;

/// <summary>What the enrolment page shows before the first code: the shared key, grouped for typing, and its QR code (SVG).</summary>
public sealed record AuthenticatorSetup(string SharedKey, string GroupedKey, string Uri, string QrSvg);

/// <summary>Audit actions of the second factor (next to <see cref="AuditActions"/>).</summary>
public static class TwoFactorAuditActions
{
    public const string SignInFailed = "sign-in.2fa-failed";
    public const string Enabled = "user.2fa-enable";
    public const string Disabled = "user.2fa-disable";
    public const string RecoveryCodesRenewed = "user.2fa-recovery-codes";
}

/// <summary>
/// TOTP two-factor accounts over Identity's authenticator token provider: enrolment with a confirming code, recovery codes
/// (shown once, stored hashed by Identity), the user's own disable/renew with a current code, and a security
/// administrator's reset. Every change is audited; each one changes the security stamp, so other sessions are re-checked.
/// </summary>
public sealed class TwoFactorAccounts(UserManager<AppUser> users, AuditLog audit, IOptions<SecurityOptions> security, IConfiguration configuration)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "CommandCenter";

    /// <summary>True when one of the principal's roles is in Security:RequireTwoFactorFor.</summary>
    public bool IsRequiredFor(ClaimsPrincipal user)
    {
        var roles = security.Value.RolesRequiringTwoFactor(DemoOptions.IsDemoMode(configuration));
        return roles.Count > 0 && user.FindAll(ClaimTypes.Role).Any(c => roles.Contains(c.Value));
    }

    /// <summary>The user's authenticator key (made on first use) with the otpauth:// URI and its QR code, rendered here.</summary>
    public async Task<AuthenticatorSetup> SetupAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was stored.");
        }
        var account = Uri.EscapeDataString(user.UserName ?? user.Id);
        var uri = $"otpauth://totp/{Issuer}:{account}?secret={key}&issuer={Issuer}&digits=6&period=30";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(5, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return new AuthenticatorSetup(key, Group(key), uri, svg);
    }

    /// <summary>Turns the second factor on when the code matches the key; returns the new recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(AppUser user, string? code, AuditActor actor, CancellationToken cancellationToken)
    {
        if (!await VerifyCodeAsync(user, code))
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await NewRecoveryCodesAsync(user);
        await AppendAsync(actor, TwoFactorAuditActions.Enabled, user, cancellationToken);
        return codes;
    }

    /// <summary>The user turns the second factor off (with a current code); the key is replaced, so the old app entry is dead.</summary>
    public async Task<bool> DisableAsync(AppUser user, string? code, AuditActor actor, CancellationToken cancellationToken)
    {
        if (!await users.GetTwoFactorEnabledAsync(user) || !await VerifyCodeAsync(user, code))
        {
            return false;
        }
        Check(await TurnOffAsync(users, user));
        await AppendAsync(actor, TwoFactorAuditActions.Disabled, user, cancellationToken);
        return true;
    }

    /// <summary>New recovery codes (the old ones stop working), after a current code; null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> RenewRecoveryCodesAsync(AppUser user, string? code, AuditActor actor, CancellationToken cancellationToken)
    {
        if (!await users.GetTwoFactorEnabledAsync(user) || !await VerifyCodeAsync(user, code))
        {
            return null;
        }
        var codes = await NewRecoveryCodesAsync(user);
        await AppendAsync(actor, TwoFactorAuditActions.RecoveryCodesRenewed, user, cancellationToken);
        return codes;
    }

    public Task<bool> IsEnabledAsync(AppUser user) => users.GetTwoFactorEnabledAsync(user);

    public Task<int> RecoveryCodesLeftAsync(AppUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>A code as typed (spaces and dashes allowed).</summary>
    public static string Normalize(string? code) => (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal)
        .Replace("-", string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>A recovery code as Identity issued it (XXXXX-XXXXX), from what was typed: case, spaces and a missing dash forgiven.</summary>
    public static string NormalizeRecoveryCode(string? code)
    {
        var typed = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        return typed.Length == 10 && !typed.Contains('-', StringComparison.Ordinal) ? $"{typed[..5]}-{typed[5..]}" : typed;
    }

    /// <summary>True for a six-digit authenticator code, false for anything else (then it may be a recovery code).</summary>
    public static bool IsAuthenticatorCode(string normalized) => normalized.Length == 6 && normalized.All(char.IsAsciiDigit);

    private async Task<bool> VerifyCodeAsync(AppUser user, string? code)
    {
        var normalized = Normalize(code);
        return IsAuthenticatorCode(normalized)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized);
    }

    private async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];

    /// <summary>
    /// Second factor off, authenticator key replaced, recovery codes gone: the user's own "turn off" and the security
    /// administrator's reset (<see cref="Components.Admin.UserAdministration.ResetTwoFactorAsync"/>) both end here.
    /// </summary>
    public static async Task<IdentityResult> TurnOffAsync(UserManager<AppUser> users, AppUser user)
    {
        foreach (var step in new Func<Task<IdentityResult>>[]
        {
            () => users.SetTwoFactorEnabledAsync(user, false),
            () => users.ResetAuthenticatorKeyAsync(user),
            // Identity's user store keeps the hashed recovery codes as one token under its internal provider.
            () => users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes"),
        })
        {
            if (await step() is { Succeeded: false } failed)
            {
                return failed;
            }
        }
        return IdentityResult.Success;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private Task<AuditEntry> AppendAsync(AuditActor actor, string action, AppUser user, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, action, nameof(AppUser), user.Id, user.UserName, actor.RemoteIp), cancellationToken);

    private static string Group(string key)
    {
        var grouped = new StringBuilder(key.Length + key.Length / 4);
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(i == 0 ? string.Empty : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return grouped.ToString().ToLowerInvariant();
    }
}
