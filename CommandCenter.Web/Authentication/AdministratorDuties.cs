using System.Security.Claims;
using CommandCenter.Data.Identity;

namespace CommandCenter.Web.Authentication;

/// <summary>
/// What an administrator may do (三员分立): <see cref="Accounts"/> — create, edit, disable, enable accounts and reset
/// passwords (the system administrator); <see cref="Security"/> — give roles, unlock, reset two-factor sign-in (the
/// security administrator, and the system administrator too while the duties are not separated).
/// </summary>
public sealed record AdministratorDuties(bool Accounts, bool Security)
{
    /// <summary>The roles that may open user administration at all.</summary>
    public const string UserAdministrationRoles = Roles.Admin + "," + Roles.SecurityAdmin;

    public bool Any => Accounts || Security;
}

/// <summary>Whether <see cref="SecurityOptions.SeparateAdministrators"/> is in force on this node, and what it gives a user.</summary>
public sealed record SeparationOfDuties(bool Enabled)
{
    /// <summary>The three administrator roles that one account may not combine while the duties are separated.</summary>
    public static readonly IReadOnlyList<string> AdministratorRoles = [Roles.Admin, Roles.SecurityAdmin, Roles.AuditAdmin];

    public AdministratorDuties DutiesOf(ClaimsPrincipal user) => new(
        user.IsInRole(Roles.Admin),
        user.IsInRole(Roles.SecurityAdmin) || (!Enabled && user.IsInRole(Roles.Admin)));

    /// <summary>The roles that pass a policy which the system administrator also passes unless the duties are separated.</summary>
    public string[] RolesFor(string separatedRole) => Enabled ? [separatedRole] : [separatedRole, Roles.Admin];
}
