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

    public static readonly IReadOnlyList<string> All = [Admin, Leader, DutyOfficer, Analyst, Wall];

    /// <summary>Roles that may be limited to part of the hierarchy.</summary>
    public static readonly IReadOnlyList<string> Scopable = [DutyOfficer, Analyst];
}
