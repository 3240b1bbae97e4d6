using CommandCenter.Data.Hierarchy;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Identity;

/// <summary>A user as the administrators' list and API show it.</summary>
public sealed record UserSummary(
    string Id,
    string UserName,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? ScopeCode,
    bool Disabled,
    DateTimeOffset? LockedOutUntil,
    bool MustChangePassword,
    int? GridWorkerId,
    int? StaffMemberId,
    DateTime CreatedAt,
    bool TwoFactorEnabled = false);

/// <summary>One page of users by user name: the total of the whole search, the page asked for and its rows.</summary>
public sealed record UserPage(int Total, int Page, int PageSize, IReadOnlyList<UserSummary> Items);

/// <summary>What decides whether an open session still stands: the account's disabled flag and security stamp.</summary>
public sealed record SessionState(bool Disabled, string? SecurityStamp);

/// <summary>The current state of the accounts and API keys behind open connections.</summary>
public sealed record SessionStates(IReadOnlyDictionary<string, SessionState> Users, IReadOnlySet<int> LiveKeyIds);

/// <summary>A grid worker or staff member an account may be linked to, for pickers.</summary>
public sealed record PersonOption(int Id, string Name, string Detail, string? UserId);

/// <summary>
/// Read side of user administration: search and page the accounts with their roles and their grid worker or staff
/// links, count the active administrators, and list the people an account can be linked to. Bounded queries only.
/// </summary>
public sealed class UserDirectory(IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxOptions = 50;

    public async Task<UserPage> SearchAsync(string? search, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        var size = pageSize is >= 1 and <= MaxPageSize ? pageSize.Value : DefaultPageSize;
        var number = page is >= 1 ? page.Value : 1;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        var text = search?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var upper = text.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(text));
        }
        var total = await query.CountAsync(cancellationToken);
        var users = await query.OrderBy(u => u.UserName).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new UserPage(total, number, size, await SummariesAsync(db, users, cancellationToken));
    }

    public async Task<UserSummary?> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        return user is null ? null : (await SummariesAsync(db, [user], cancellationToken))[0];
    }

    /// <summary>Administrators who are not disabled, other than <paramref name="exceptUserId"/>.</summary>
    public async Task<int> CountOtherActiveAdminsAsync(string exceptUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (from ur in db.UserRoles
                      join r in db.Roles on ur.RoleId equals r.Id
                      join u in db.Users on ur.UserId equals u.Id
                      where r.Name == Roles.Admin && !u.IsDisabled && u.Id != exceptUserId
                      select u.Id).CountAsync(cancellationToken);
    }

    /// <summary>True when <paramref name="code"/> is an existing district, street, community or grid.</summary>
    public async Task<bool> AreaExistsAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await HierarchyTree.ExistsAsync(db, code, cancellationToken);
    }

    /// <summary>Active grid workers whose name or employee number contains <paramref name="search"/> (at most 50).</summary>
    public async Task<IReadOnlyList<PersonOption>> GridWorkersAsync(string? search, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var text = search?.Trim() ?? string.Empty;
        return await db.GridWorkers.AsNoTracking()
            .Where(w => w.IsActive && (text == "" || w.Name.Contains(text) || w.EmployeeNumber.Contains(text)))
            .OrderBy(w => w.EmployeeNumber).Take(MaxOptions)
            .Select(w => new PersonOption(w.Id, w.Name, w.EmployeeNumber + " · " + w.Grid!.Name, w.UserId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The district hierarchy for scope pickers.</summary>
    public async Task<IReadOnlyList<HierarchyTreeNode>> AreasAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await HierarchyTree.LoadAsync(db, cancellationToken);
    }

    /// <summary>The disabled flag and security stamp of each user, and which of the keys are not revoked: two narrow reads.</summary>
    public async Task<SessionStates> SessionStatesAsync(
        IReadOnlyCollection<string> userIds, IReadOnlyCollection<int> keyIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var users = userIds.Count == 0 ? new Dictionary<string, SessionState>(StringComparer.Ordinal)
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => new SessionState(u.IsDisabled, u.SecurityStamp), StringComparer.Ordinal, cancellationToken);
        var keys = keyIds.Count == 0 ? [] : await db.ApiKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id) && k.RevokedAt == null)
            .Select(k => k.Id).ToListAsync(cancellationToken);
        return new SessionStates(users, keys.ToHashSet());
    }

    private async Task<IReadOnlyList<UserSummary>> SummariesAsync(CommandCenterDbContext db, IReadOnlyList<AppUser> users, CancellationToken cancellationToken)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where ids.Contains(ur.UserId)
                            select new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name!);
        var workers = await db.GridWorkers.AsNoTracking().Where(w => w.UserId != null && ids.Contains(w.UserId))
            .Select(w => new { w.UserId, w.Id }).ToListAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.UserId != null && ids.Contains(s.UserId))
            .Select(s => new { s.UserId, s.Id }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. users.Select(u => new UserSummary(
            u.Id, u.UserName!, u.DisplayName,
            [.. roles[u.Id].OrderBy(r => Roles.All.TakeWhile(x => x != r).Count())],
            u.ScopeCode, u.IsDisabled,
            u.LockoutEnd is { } end && end > now ? end : null,
            u.MustChangePassword,
            workers.FirstOrDefault(w => w.UserId == u.Id)?.Id,
            staff.FirstOrDefault(s => s.UserId == u.Id)?.Id,
            u.CreatedAt,
            u.TwoFactorEnabled))];
    }
}
