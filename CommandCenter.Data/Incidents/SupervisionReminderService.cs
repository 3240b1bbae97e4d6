using System.Globalization;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Incidents;

/// <summary>
/// 督办 one-click reminder: counts the reminder and stamps its time on the open supervision, at most once per
/// <see cref="MinimumInterval"/> per supervision (a conditional update, so two officers clicking at once remind once).
/// Every attempt, accepted or refused, is audited.
/// </summary>
public sealed class SupervisionReminderService(IDbContextFactory<CommandCenterDbContext> contextFactory, AuditLog audit, TimeProvider time)
{
    public const string AuditAction = "supervision.remind";
    public const string RejectedAuditAction = "supervision.remind.rejected";

    /// <summary>A handling unit is not reminded twice about the same overdue clock within this interval.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(10);

    public async Task<OperationResult<Supervision>> RemindAsync(long supervisionId, ActingOfficer officer, CancellationToken cancellationToken = default)
    {
        if (!officer.MayHandleIncidents)
        {
            await AuditAsync(officer, RejectedAuditAction, supervisionId, "role may not remind", cancellationToken);
            return new OperationResult<Supervision>(OperationStatus.OutOfScope, Message: "Your role may not send reminders.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var supervision = await db.Supervisions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == supervisionId, cancellationToken);
        if (supervision is null)
        {
            await AuditAsync(officer, RejectedAuditAction, supervisionId, "not found", cancellationToken);
            return OperationResult<Supervision>.NotFound($"Supervision {supervisionId} does not exist.");
        }
        var gridCode = await db.Incidents.Where(i => i.Id == supervision.IncidentId)
            .Join(db.Grids, i => i.GridId, g => g.Id, (_, g) => g.Code).SingleAsync(cancellationToken);
        if (!HierarchyCode.IsWithin(gridCode, officer.ScopeCode))
        {
            await AuditAsync(officer, RejectedAuditAction, supervisionId, $"out of scope (grid {gridCode})", cancellationToken);
            return OperationResult<Supervision>.OutOfScope();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var earliest = now - MinimumInterval;
        var updated = await db.Supervisions
            .Where(s => s.Id == supervisionId && s.ResolvedAt == null && (s.LastRemindedAt == null || s.LastRemindedAt <= earliest))
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.ReminderCount, x => x.ReminderCount + 1)
                .SetProperty(x => x.LastRemindedAt, now), cancellationToken);
        var current = await db.Supervisions.AsNoTracking().SingleAsync(s => s.Id == supervisionId, cancellationToken);
        if (updated == 0)
        {
            var message = current.ResolvedAt is not null
                ? "The supervision is resolved: the incident is no longer open."
                : string.Create(CultureInfo.InvariantCulture,
                    $"Already reminded at {current.LastRemindedAt:yyyy-MM-dd HH:mm:ss} UTC; the next reminder is possible at {current.LastRemindedAt + MinimumInterval:HH:mm:ss} UTC.");
            await AuditAsync(officer, RejectedAuditAction, supervisionId, message, cancellationToken);
            return OperationResult<Supervision>.Conflict(current, message);
        }
        await AuditAsync(officer, AuditAction, supervisionId,
            string.Create(CultureInfo.InvariantCulture, $"incident {current.IncidentId}, unit {current.HandlingUnitId}, reminder {current.ReminderCount}"), cancellationToken);
        return OperationResult<Supervision>.Ok(current);
    }

    private Task<AuditEntry> AuditAsync(ActingOfficer officer, string action, long supervisionId, string detail, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditRecord(officer.UserId, officer.Name, action, nameof(Supervision), supervisionId.ToString(CultureInfo.InvariantCulture), detail),
            cancellationToken);
}
