using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Web.Authentication;

/// <summary>The "Security" configuration section: sign-in policy (等保 2.0 defaults).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Failed sign-ins before the account locks.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends after this long without requests (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a cookie and an open circuit are checked against the user's security stamp and disabled flag.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Null: 12 characters outside demo mode (等保 2.0 practice), 8 in demo mode (its password is 11).</summary>
    [Range(8, 128)]
    public int? MinimumPasswordLength { get; set; }

    /// <summary>The rule for <see cref="MinimumPasswordLength"/>: the setting when given, otherwise 12, or 8 in demo mode.</summary>
    public int PasswordLengthFor(bool demoMode) => MinimumPasswordLength ?? (demoMode ? 8 : 12);

    /// <summary>
    /// 三员分立 (separation of duties): when on, the system administrator (users, keys, reference data), the security
    /// administrator (roles, unlocking, two-factor resets) and the audit administrator (the audit log) are three roles
    /// that cannot stand in for each other. Null: on outside demo mode, off in demo mode.
    /// </summary>
    public bool? SeparateAdministrators { get; set; }

    /// <summary>The rule for <see cref="SeparateAdministrators"/>: the setting when given, otherwise on outside demo mode.</summary>
    public bool SeparatesAdministrators(bool demoMode) => SeparateAdministrators ?? !demoMode;

    /// <summary>
    /// Roles (comma-separated) whose users must sign in with a second factor (TOTP): a user in one of them without it is
    /// sent to the enrolment page before anything else. Null: "Admin" outside demo mode, nobody in demo mode; "": nobody.
    /// </summary>
    public string? RequireTwoFactorFor { get; set; }

    /// <summary>The rule for <see cref="RequireTwoFactorFor"/>: the roles it names, or its default.</summary>
    public IReadOnlySet<string> RolesRequiringTwoFactor(bool demoMode) =>
        (RequireTwoFactorFor ?? (demoMode ? string.Empty : Data.Identity.Roles.Admin))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
