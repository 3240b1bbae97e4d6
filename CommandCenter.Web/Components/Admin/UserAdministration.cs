using System.Security.Cryptography;
using CommandCenter.Data;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Components.Admin;

/// <summary>What an administrator sends to create a user; a null or empty password means "generate one".</summary>
public sealed record NewUser(string? UserName, string? DisplayName, string? Password, IReadOnlyList<string>? Roles, string? ScopeCode);

/// <summary>
/// An edit: a null display name or role list keeps the current one; the scope and the grid worker and staff links are
/// replaced (null = the whole district, no link).
/// </summary>
public sealed record UserChanges(string? DisplayName, IReadOnlyList<string>? Roles, string? ScopeCode, int? GridWorkerId, int? StaffMemberId);

/// <summary>A created user, with the generated password when none was given (shown this once).</summary>
public sealed record CreatedUser(UserSummary User, string? GeneratedPassword);

/// <summary>A reset password, shown this once; the user must change it at the next sign-in.</summary>
public sealed record PasswordReset(UserSummary User, string Password);

/// <summary>
/// User administration for the /admin/users page and the /api/v1/admin/users API alike: create, edit roles, scope and
/// links, disable, enable, unlock and reset passwords. Every change is audited as "before → after"; the last active
/// administrator can be neither disabled nor demoted. Each call uses its own scope (and so its own DbContext), so a
/// long-lived circuit never works on stale tracked users. Every write takes the caller's <see cref="AdministratorDuties"/>
/// (三员分立): accounts are the system administrator's, roles, unlocking and two-factor resets the security administrator's.
/// </summary>
public sealed class UserAdministration(
    IServiceScopeFactory scopes, UserDirectory directory, SeparationOfDuties separation, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 64;

    private const string LastAdmin = "This is the last active administrator: make another administrator first.";
    private const string AccountsOnly = "Accounts are created and changed by the system administrator (Admin).";
    private const string SecurityOnly = "Roles, unlocking and two-factor resets are the security administrator's (SecurityAdmin).";

    public Task<UserPage> SearchAsync(string? search, int? page, int? pageSize, CancellationToken cancellationToken = default) =>
        directory.SearchAsync(search, page, pageSize, cancellationToken);

    public async Task<OperationResult<UserSummary>> GetAsync(string userName, CancellationToken cancellationToken = default) =>
        await directory.FindAsync(userName, cancellationToken) is { } user ? OperationResult<UserSummary>.Ok(user) : NotFound<UserSummary>(userName);

    public async Task<OperationResult<CreatedUser>> CreateAsync(
        NewUser request, AdministratorDuties duties, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!duties.Accounts)
        {
            return Forbidden<CreatedUser>(AccountsOnly);
        }
        var errors = new Dictionary<string, List<string>>();
        var userName = Name(request.UserName, "userName", errors);
        var displayName = Name(request.DisplayName, "displayName", errors);
        var roles = ParseRoles(request.Roles ?? [], errors);
        if (roles.Count > 0 && !duties.Security)
        {
            return Forbidden<CreatedUser>(SecurityOnly);
        }
        var scopeCode = await ParseScopeAsync(request.ScopeCode, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResults.Invalid<CreatedUser>(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return AdminResults.Conflict<CreatedUser>($"A user named '{userName}' already exists.");
        }
        var generated = string.IsNullOrEmpty(request.Password) ? NewPassword(users.Options.Password) : null;
        var user = new AppUser
        {
            UserName = userName, DisplayName = displayName, ScopeCode = scopeCode, CreatedAt = time.GetUtcNow().UtcDateTime,
            MustChangePassword = generated is not null,
        };
        var created = await users.CreateAsync(user, generated ?? request.Password!);
        if (!created.Succeeded)
        {
            return IdentityProblem<CreatedUser>(created);
        }
        if (roles.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, roles));
        }
        await AuditAsync(actor, AuditActions.UserCreated, user, cancellationToken,
            AdminResults.Change("userName", null, userName), AdminResults.Change("displayName", null, displayName),
            AdminResults.Change("roles", null, roles), AdminResults.Change("scopeCode", null, scopeCode),
            AdminResults.Change("password", null, generated is null ? "given" : "generated"));
        return OperationResult<CreatedUser>.Ok(new CreatedUser((await directory.FindAsync(userName, cancellationToken))!, generated));
    }

    public async Task<OperationResult<UserSummary>> UpdateAsync(
        string userName, UserChanges request, AdministratorDuties duties, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!duties.Any)
        {
            return Forbidden<UserSummary>(AccountsOnly);
        }
        var errors = new Dictionary<string, List<string>>();
        var displayName = request.DisplayName is null ? null : Name(request.DisplayName, "displayName", errors);
        var roles = request.Roles is null ? null : ParseRoles(request.Roles, errors);
        var scopeCode = await ParseScopeAsync(request.ScopeCode, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResults.Invalid<UserSummary>(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>();
        var user = await users.FindByNameAsync(userName);
        if (user is null || await directory.FindAsync(userName, cancellationToken) is not { } before)
        {
            return NotFound<UserSummary>(userName);
        }
        var rolesChange = roles is not null && !roles.ToHashSet().SetEquals(before.Roles);
        var accountChange = (displayName is not null && displayName != before.DisplayName) || scopeCode != before.ScopeCode
            || request.GridWorkerId != before.GridWorkerId || request.StaffMemberId != before.StaffMemberId;
        if ((rolesChange && !duties.Security) || (accountChange && !duties.Accounts))
        {
            return Forbidden<UserSummary>(rolesChange && !duties.Security ? SecurityOnly : AccountsOnly);
        }
        var linkProblem = await CheckLinksAsync(db, user.Id, request, cancellationToken);
        if (linkProblem is not null)
        {
            return linkProblem;
        }
        if (roles is not null && before.Roles.Contains(Roles.Admin) && !roles.Contains(Roles.Admin) && !user.IsDisabled
            && await directory.CountOtherActiveAdminsAsync(user.Id, cancellationToken) == 0)
        {
            return AdminResults.Conflict<UserSummary>($"{LastAdmin} The Admin role cannot be removed from '{user.UserName}'.");
        }

        var changes = new List<string>();
        var rightsChanged = false;
        if (displayName is not null && displayName != user.DisplayName)
        {
            changes.Add(AdminResults.Change("displayName", user.DisplayName, displayName));
            user.DisplayName = displayName;
        }
        if (scopeCode != user.ScopeCode)
        {
            changes.Add(AdminResults.Change("scopeCode", user.ScopeCode, scopeCode));
            user.ScopeCode = scopeCode;
            rightsChanged = true;
        }
        if (rolesChange && roles is not null)
        {
            Check(await users.RemoveFromRolesAsync(user, [.. before.Roles.Except(roles)]));
            Check(await users.AddToRolesAsync(user, [.. roles.Except(before.Roles)]));
            changes.Add(AdminResults.Change("roles", before.Roles, roles));
            rightsChanged = true;
        }
        if (request.GridWorkerId != before.GridWorkerId)
        {
            await db.GridWorkers.Where(w => w.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(w => w.UserId, (string?)null), cancellationToken);
            await db.GridWorkers.Where(w => w.Id == request.GridWorkerId).ExecuteUpdateAsync(u => u.SetProperty(w => w.UserId, user.Id), cancellationToken);
            changes.Add(AdminResults.Change("gridWorkerId", before.GridWorkerId, request.GridWorkerId));
        }
        if (request.StaffMemberId != before.StaffMemberId)
        {
            await db.StaffMembers.Where(s => s.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, (string?)null), cancellationToken);
            await db.StaffMembers.Where(s => s.Id == request.StaffMemberId).ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, user.Id), cancellationToken);
            changes.Add(AdminResults.Change("staffMemberId", before.StaffMemberId, request.StaffMemberId));
        }
        if (changes.Count == 0)
        {
            return OperationResult<UserSummary>.Ok(before);
        }
        // New roles or a new scope end the user's sessions (cookies, circuits) at the next re-validation, so no open
        // screen keeps rights the user no longer has.
        Check(rightsChanged ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user));
        await AuditAsync(actor, "user.update", user, cancellationToken, [.. changes]);
        return OperationResult<UserSummary>.Ok((await directory.FindAsync(userName, cancellationToken))!);
    }

    /// <summary>Disables the account and renews its security stamp: its cookies, circuits and hub connections end within the re-validation interval.</summary>
    public Task<OperationResult<UserSummary>> DisableAsync(string userName, AdministratorDuties duties, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, duties.Accounts, AccountsOnly, actor, "user.disable", async (users, user) =>
        {
            if (user.IsDisabled)
            {
                return (null, null);
            }
            if (await users.IsInRoleAsync(user, Roles.Admin) && await directory.CountOtherActiveAdminsAsync(user.Id, cancellationToken) == 0)
            {
                return (null, AdminResults.Conflict<UserSummary>($"{LastAdmin} '{user.UserName}' cannot be disabled."));
            }
            user.IsDisabled = true;
            Check(await users.UpdateSecurityStampAsync(user));
            return (AdminResults.Change("disabled", false, true), null);
        }, cancellationToken);

    public Task<OperationResult<UserSummary>> EnableAsync(string userName, AdministratorDuties duties, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, duties.Accounts, AccountsOnly, actor, "user.enable", async (users, user) =>
        {
            if (!user.IsDisabled)
            {
                return (null, null);
            }
            user.IsDisabled = false;
            Check(await users.UpdateAsync(user));
            return (AdminResults.Change("disabled", true, false), null);
        }, cancellationToken);

    public Task<OperationResult<UserSummary>> UnlockAsync(string userName, AdministratorDuties duties, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, duties.Security, SecurityOnly, actor, "user.unlock", async (users, user) =>
        {
            var lockedUntil = user.LockoutEnd is { } end && end > time.GetUtcNow() ? end.UtcDateTime.ToString("O") : null;
            var failures = user.AccessFailedCount;
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            return ($"{AdminResults.Change("lockedOutUntil", lockedUntil, null)}; {AdminResults.Change("failedSignIns", failures, 0)}", null);
        }, cancellationToken);

    /// <summary>
    /// Turns two-factor sign-in off and forgets the authenticator key and recovery codes (a lost phone): the user enrols
    /// again at the next sign-in where a role requires it; open sessions end.
    /// </summary>
    public Task<OperationResult<UserSummary>> ResetTwoFactorAsync(string userName, AdministratorDuties duties, AuditActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, duties.Security, SecurityOnly, actor, "user.reset-two-factor", async (users, user) =>
        {
            var wasEnabled = user.TwoFactorEnabled;
            Check(await TwoFactorAccounts.TurnOffAsync(users, user));
            Check(await users.UpdateSecurityStampAsync(user));
            return (AdminResults.Change("twoFactorEnabled", wasEnabled, false), null);
        }, cancellationToken);

    /// <summary>Sets a generated password (returned this once) that the user must change at the next sign-in; open sessions end.</summary>
    public async Task<OperationResult<PasswordReset>> ResetPasswordAsync(string userName, AdministratorDuties duties, AuditActor actor, CancellationToken cancellationToken = default)
    {
        string? password = null;
        var result = await ChangeAsync(userName, duties.Accounts, AccountsOnly, actor, "user.reset-password", async (users, user) =>
        {
            var wasRequired = user.MustChangePassword;
            password = NewPassword(users.Options.Password);
            user.MustChangePassword = true;
            // Resetting renews the security stamp too: the user's sessions end.
            Check(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password));
            return ($"password: reset; {AdminResults.Change("mustChangePassword", wasRequired, true)}", null);
        }, cancellationToken);
        return result.Succeeded
            ? OperationResult<PasswordReset>.Ok(new PasswordReset(result.Value!, password!))
            : new OperationResult<PasswordReset>(result.Status, Errors: result.Errors, Message: result.Message);
    }

    /// <summary>A strong random password meeting the Identity rules: letters of both cases, digits and symbols, at least 16 long.</summary>
    public static string NewPassword(PasswordOptions options)
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "#%+-=@_!";
        var length = Math.Max(16, options.RequiredLength);
        while (true)
        {
            var candidate = RandomNumberGenerator.GetString(lower + upper + digits + symbols, length);
            if (candidate.Any(char.IsAsciiLetterLower) && candidate.Any(char.IsAsciiLetterUpper) && candidate.Any(char.IsAsciiDigit)
                && candidate.Any(symbols.Contains) && candidate.Distinct().Count() >= options.RequiredUniqueChars)
            {
                return candidate;
            }
        }
    }

    private async Task<OperationResult<UserSummary>> ChangeAsync(
        string userName, bool allowed, string forbidden, AuditActor actor, string action,
        Func<UserManager<AppUser>, AppUser, Task<(string? Detail, OperationResult<UserSummary>? Problem)>> change, CancellationToken cancellationToken)
    {
        if (!allowed)
        {
            return Forbidden<UserSummary>(forbidden);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return NotFound<UserSummary>(userName);
        }
        var (detail, problem) = await change(users, user);
        if (problem is not null)
        {
            return problem;
        }
        if (detail is not null)
        {
            await AuditAsync(actor, action, user, cancellationToken, detail);
        }
        return OperationResult<UserSummary>.Ok((await directory.FindAsync(user.UserName!, cancellationToken))!);
    }

    private static async Task<OperationResult<UserSummary>?> CheckLinksAsync(CommandCenterDbContext db, string userId, UserChanges request, CancellationToken cancellationToken) =>
        await CheckLinkAsync(db.GridWorkers.Where(w => w.Id == request.GridWorkerId).Select(w => new LinkedRecord(w.UserId)),
            request.GridWorkerId, "gridWorkerId", "grid worker", userId, cancellationToken)
        ?? await CheckLinkAsync(db.StaffMembers.Where(s => s.Id == request.StaffMemberId).Select(s => new LinkedRecord(s.UserId)),
            request.StaffMemberId, "staffMemberId", "staff member", userId, cancellationToken);

    /// <summary>Null when the record exists and is free or already this user's; otherwise 422 (no such record) or 409 (someone else's).</summary>
    private static async Task<OperationResult<UserSummary>?> CheckLinkAsync(
        IQueryable<LinkedRecord> record, int? id, string field, string what, string userId, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }
        var found = await record.FirstOrDefaultAsync(cancellationToken);
        return found is null ? OperationResult<UserSummary>.Invalid(field, $"There is no {what} {id}.")
            : found.UserId is not null && found.UserId != userId ? AdminResults.Conflict<UserSummary>($"The {what} {id} is linked to another account; unlink it there first.")
            : null;
    }

    private sealed record LinkedRecord(string? UserId);

    private async Task<string?> ParseScopeAsync(string? code, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        var trimmed = code?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (!await directory.AreaExistsAsync(trimmed, cancellationToken))
        {
            Add(errors, "scopeCode", $"'{trimmed}' is not the code of a district, street, community or grid of this district.");
        }
        return trimmed;
    }

    private List<string> ParseRoles(IEnumerable<string> names, Dictionary<string, List<string>> errors)
    {
        var roles = ParseRoleNames(names, errors);
        if (separation.Enabled && roles.Count(SeparationOfDuties.AdministratorRoles.Contains) > 1)
        {
            Add(errors, "roles", $"三员分立: one account holds at most one of {string.Join(", ", SeparationOfDuties.AdministratorRoles)}.");
        }
        return roles;
    }

    private static List<string> ParseRoleNames(IEnumerable<string> names, Dictionary<string, List<string>> errors)
    {
        var roles = new List<string>();
        foreach (var name in names)
        {
            var role = Roles.All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (role is null)
            {
                Add(errors, "roles", $"'{name}' is not a role; roles are {string.Join(", ", Roles.All)}.");
            }
            else if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }
        return roles;
    }

    private static string Name(string? value, string field, Dictionary<string, List<string>> errors)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            Add(errors, field, "Required.");
        }
        else if (trimmed.Length > MaxNameLength)
        {
            Add(errors, field, $"At most {MaxNameLength} characters.");
        }
        return trimmed;
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    private static OperationResult<T> IdentityProblem<T>(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return AdminResults.Conflict<T>(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        var errors = new Dictionary<string, List<string>>();
        foreach (var error in result.Errors)
        {
            Add(errors, error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : error.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : "$", error.Description);
        }
        return AdminResults.Invalid<T>(errors);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static OperationResult<T> Forbidden<T>(string message) => new(OperationStatus.OutOfScope, Message: message);

    private static OperationResult<T> NotFound<T>(string userName) => OperationResult<T>.NotFound($"There is no user named '{userName}'.");

    private Task<AuditEntry> AuditAsync(AuditActor actor, string action, AppUser user, CancellationToken cancellationToken, params string[] changes) =>
        audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, action, nameof(AppUser), user.Id,
            $"{user.UserName}: {string.Join("; ", changes)}", actor.RemoteIp), cancellationToken);
}
