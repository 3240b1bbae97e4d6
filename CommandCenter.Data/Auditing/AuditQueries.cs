using CommandCenter.Data.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Auditing;

/// <summary>Which audit entries to read: user (id or name, exact), action (exact, or a prefix ending in '.'), a UTC time range [From, To).</summary>
public sealed record AuditFilter(string? User = null, string? Action = null, DateTime? From = null, DateTime? To = null);

/// <summary>One audit entry as the audit administrator sees it; the free-text detail is masked.</summary>
public sealed record AuditEntryRecord(
    long Id, DateTime At, string? UserId, string UserName, string Action, string? EntityType, string? EntityId, string? Detail, string? RemoteIp);

public sealed record AuditEntryPage(int Total, int Page, int PageSize, IReadOnlyList<AuditEntryRecord> Items);

/// <summary>The audit administrator's reads of the audit log: filtered, newest first, paged or exported.</summary>
public sealed class AuditQueries(IDbContextFactory<CommandCenterDbContext> contextFactory)
{
    public const int MaxPageSize = 200;

    /// <summary>The most rows one export holds.</summary>
    public const int MaxExportRows = 50_000;

    public async Task<AuditEntryPage> SearchAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditEntryPage(total, page, pageSize, [.. rows.Select(ToRecord)]);
    }

    /// <summary>The filtered entries for an export, newest first, at most <see cref="MaxExportRows"/>.</summary>
    public async Task<IReadOnlyList<AuditEntryRecord>> ExportAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Filtered(db, filter).OrderByDescending(e => e.Id).Take(MaxExportRows).ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    private static IQueryable<AuditEntry> Filtered(CommandCenterDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(e => e.UserName == user || e.UserId == user);
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = action.EndsWith('.') ? query.Where(e => e.Action.StartsWith(action)) : query.Where(e => e.Action == action);
        }
        if (filter.From is { } from)
        {
            query = query.Where(e => e.At >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(e => e.At < to);
        }
        return query;
    }

    private static AuditEntryRecord ToRecord(AuditEntry e) => new(
        e.Id, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId,
        PersonalDataMask.FreeText(e.Detail), e.RemoteIp);
}
