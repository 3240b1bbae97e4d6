using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Live;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Sos;

/// <summary>
/// An officer acknowledges a raised SOS alarm: who and when are recorded on the alert in one conditional update (so of
/// two officers clicking at once exactly one wins, and the other is told who was first), every attempt is audited,
/// and the change is published so that every console's banner and the wall's count drop the alarm.
/// </summary>
public sealed class SosAcknowledgementService(
    IDbContextFactory<CommandCenterDbContext> contextFactory, AuditLog audit, TimeProvider time, ILiveFeed? liveFeed = null)
{
    public const string AuditAction = "sos.acknowledge";
    public const string RejectedAuditAction = "sos.acknowledge.rejected";

    public async Task<OperationResult<SosAlert>> AcknowledgeAsync(long alertId, ActingOfficer officer, CancellationToken cancellationToken = default)
    {
        if (!officer.MayHandleIncidents)
        {
            await AuditAsync(officer, RejectedAuditAction, alertId, "role may not acknowledge alarms", cancellationToken);
            return new OperationResult<SosAlert>(OperationStatus.OutOfScope, Message: "Your role may not acknowledge alarms.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var alert = await db.SosAlerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            await AuditAsync(officer, RejectedAuditAction, alertId, "not found", cancellationToken);
            return OperationResult<SosAlert>.NotFound($"SOS alert {alertId} does not exist.");
        }
        var grid = await db.Grids.AsNoTracking().Where(g => g.Id == alert.GridId)
            .Select(g => new { g.Code, g.CommunityId, g.StreetId }).SingleAsync(cancellationToken);
        if (!HierarchyCode.IsWithin(grid.Code, officer.ScopeCode))
        {
            await AuditAsync(officer, RejectedAuditAction, alertId, $"out of scope (grid {grid.Code})", cancellationToken);
            return OperationResult<SosAlert>.OutOfScope();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var name = officer.Name.Length > 256 ? officer.Name[..256] : officer.Name;
        var updated = alert.Status != SosStatus.Raised ? 0 : await db.SosAlerts
            .Where(a => a.Id == alertId && a.Status == SosStatus.Raised)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, SosStatus.Acknowledged)
                .SetProperty(a => a.AcknowledgedAt, now)
                .SetProperty(a => a.AcknowledgedBy, name), cancellationToken);
        var current = await db.SosAlerts.AsNoTracking().SingleAsync(a => a.Id == alertId, cancellationToken);
        if (updated == 0)
        {
            var message = current.AcknowledgedBy is { } by
                ? $"Already acknowledged by {by} at {current.AcknowledgedAt:yyyy-MM-dd HH:mm:ss} UTC."
                : $"The alarm is no longer raised ({current.Status}).";
            await AuditAsync(officer, RejectedAuditAction, alertId, message, cancellationToken);
            return OperationResult<SosAlert>.Conflict(current, message);
        }

        await AuditAsync(officer, AuditAction, alertId, $"incident {current.IncidentId}", cancellationToken);
        if (liveFeed is not null)
        {
            await liveFeed.PublishAsync(new ChangeNotice(ChangeKind.SosAcknowledged, alertId, grid.StreetId, grid.CommunityId, alert.GridId, 1, now),
                CancellationToken.None);
        }
        return OperationResult<SosAlert>.Ok(current);
    }

    private Task<AuditEntry> AuditAsync(ActingOfficer officer, string action, long alertId, string detail, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditRecord(officer.UserId, officer.Name, action, nameof(SosAlert), alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), detail),
            cancellationToken);
}
