using System.Globalization;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Incidents;

/// <summary>
/// 回访: a duty officer handling an incident may see its reporter's full phone after choosing a reason. The role and the
/// scope are checked here, on the server; each reveal is audited (who, which incident, why) without the phone itself.
/// Leaders, analysts and the wall never get it; an administrator only while the administrator roles are not separated (三员分立).
/// </summary>
public sealed class IncidentReporterReveal(IDbContextFactory<CommandCenterDbContext> contexts, AuditLog audit)
{
    public const string AuditAction = "incident.reveal-phone";

    /// <summary>The reasons an officer may give (codes; the console shows them localized).</summary>
    public static readonly IReadOnlyList<string> Reasons = ["callback", "more-info", "emergency", "sos-contact"];

    /// <summary>Whether the officer's roles allow a reveal at all (the console hides the button otherwise; the check below decides).</summary>
    public static bool MayReveal(ActingOfficer officer, bool administratorsSeparated) =>
        officer.Roles.Contains(Roles.DutyOfficer) || (!administratorsSeparated && officer.Roles.Contains(Roles.Admin));

    /// <summary>The reporter's phone of one incident in the officer's area (null value when there is none), audited.</summary>
    public async Task<OperationResult<string?>> RevealPhoneAsync(long incidentId, string? reason, ActingOfficer officer, bool administratorsSeparated,
        string? remoteIp = null, CancellationToken cancellationToken = default)
    {
        if (!MayReveal(officer, administratorsSeparated))
        {
            return OperationResult<string?>.OutOfScope() with { Message = "You may not reveal a reporter's phone." };
        }
        if (reason is null || !Reasons.Contains(reason))
        {
            return OperationResult<string?>.Invalid("reason", "Choose one of the listed reasons.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await IncidentQueries.InScope(db.Incidents.AsNoTracking(), db.Grids, officer.ScopeCode)
            .Where(i => i.Id == incidentId).Select(i => new { i.Id, i.ReporterPhone }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return await db.Incidents.AnyAsync(i => i.Id == incidentId, cancellationToken)
                ? OperationResult<string?>.OutOfScope()
                : OperationResult<string?>.NotFound("No such incident.");
        }
        await audit.AppendAsync(new AuditRecord(officer.UserId, officer.Name, AuditAction, nameof(Incident),
            row.Id.ToString(CultureInfo.InvariantCulture), $"reason: {reason}", remoteIp), cancellationToken);
        return OperationResult<string?>.Ok(row.ReporterPhone);
    }
}
