using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Data.Identity;

public class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
    /// <summary>The hierarchy node the user is limited to (a code prefix); null for the whole district.</summary>
    public string? ScopeCode { get; set; }
    public bool IsDisabled { get; set; }
    /// <summary>Set by an administrator's password reset: the user must choose a new password at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class AppRole : IdentityRole
{
    public AppRole()
    {
    }

    public AppRole(string name) : base(name)
    {
    }
}

/// <summary>The roles of the product.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Leader = "Leader";
    public const string DutyOfficer = "DutyOfficer";
    public const string Analyst = "Analyst";
    /// <summary>Read-only, for the data wall's unattended PC.</summary>
    public const string Wall = "Wall";
    /// <summary>三员分立: the security administrator (roles, unlocking, two-factor resets).</summary>
    public const string SecurityAdmin = "SecurityAdmin";
    /// <summary>三员分立: the audit administrator (reads and verifies the audit log, nothing else).</summary>
    public const string AuditAdmin = "AuditAdmin";

    public static readonly IReadOnlyList<string> All = [Admin, Leader, DutyOfficer, Analyst, Wall, SecurityAdmin, AuditAdmin];

    /// <summary>Roles that may be limited to part of the hierarchy.</summary>
    public static readonly IReadOnlyList<string> Scopable = [DutyOfficer, Analyst];
}
