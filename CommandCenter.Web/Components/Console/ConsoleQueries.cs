using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Privacy;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Components.Console;

/// <summary>The queue's saved views.</summary>
public enum QueueView
{
    /// <summary>Every open incident in the officer's area.</summary>
    MyArea = 0,
    /// <summary>Open incidents the officer has acted on.</summary>
    Mine = 1,
    /// <summary>Open incidents past any of their SLA deadlines.</summary>
    Overdue = 2,
    /// <summary>Open SOS incidents.</summary>
    Sos = 3,
}

/// <summary>One line of the live queue.</summary>
public sealed record QueueRow(
    long Id, string Number, string Title, IncidentPriority Priority, string Category,
    string Street, string Community, string Grid, SourceChannel Source, IncidentStage Stage, HandlingTier Tier,
    DateTime ReportedAt, DateTime RespondDueAt, DateTime? RespondedAt, DateTime ReplyDueAt, DateTime? RepliedAt, DateTime ResolveDueAt, int Version);

/// <summary>A raised SOS alarm for the banner.</summary>
public sealed record RaisedSos(long Id, long? IncidentId, string? IncidentNumber, string Grid, string? Wearer, DateTime RaisedAt);

/// <summary>One open 督办 for the supervision list.</summary>
public sealed record SupervisionRow(
    long Id, long IncidentId, string Number, string Title, int? HandlingUnitId, string? HandlingUnit, SlaClock Clock, string Reason,
    DateTime DueAt, DateTime? LastRemindedAt, int ReminderCount);

/// <summary>A handling unit the rules allow as a dispatch or escalation target.</summary>
public sealed record UnitChoice(int Id, string Name, HandlingTier Tier);

/// <summary>An incident that a rejection may name as the original.</summary>
public sealed record DuplicateChoice(long Id, string Number, string Title, DateTime ReportedAt);

/// <summary>Everything the detail page shows; the reporter is already masked.</summary>
public sealed record IncidentDetail(
    Incident Incident, string Category, string Street, string Community, string GridName, string GridCode, string GridBoundary,
    string? ReporterName, string? ReporterPhone, string? HandlingUnit, string? DuplicateOfNumber, IReadOnlyList<IncidentHistory> History,
    IReadOnlyDictionary<int, string> UnitNames, RaisedSosState? Sos);

/// <summary>The SOS alert behind an SOS incident, with who acknowledged it.</summary>
public sealed record RaisedSosState(long AlertId, SosStatus Status, DateTime RaisedAt, DateTime? AcknowledgedAt, string? AcknowledgedBy);

/// <summary>
/// The console's reads, straight on the DbContext, each bounded and filtered to the officer's scope (a hierarchy code
/// prefix; null for the whole district). Personal data is masked here, before it enters the circuit.
/// </summary>
public static class ConsoleQueries
{
    /// <summary>The queue shows at most this many open incidents (urgent and newest first).</summary>
    public const int QueueLimit = 2000;

    private static readonly IncidentStage[] OpenStages =
        [IncidentStage.Reported, IncidentStage.Filed, IncidentStage.Dispatched, IncidentStage.Handling, IncidentStage.Feedback];

    public static async Task<IReadOnlyList<QueueRow>> QueueAsync(
        IDbContextFactory<CommandCenterDbContext> contexts, string? scope, QueueView view, string? userId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = db.Incidents.AsNoTracking().Where(i => OpenStages.Contains(i.Stage));
        open = view switch
        {
            QueueView.Mine => open.Where(i => db.IncidentHistory.Any(h => h.IncidentId == i.Id && h.ActorId == userId)),
            QueueView.Overdue => open.Where(i => i.ResolveDueAt < now || (i.RespondedAt == null && i.RespondDueAt < now) || (i.RepliedAt == null && i.ReplyDueAt < now)),
            QueueView.Sos => open.Where(i => i.Source == SourceChannel.Sos),
            _ => open,
        };
        var rows = from i in open
                   join g in db.Grids on i.GridId equals g.Id
                   join c in db.Communities on i.CommunityId equals c.Id
                   join s in db.Streets on i.StreetId equals s.Id
                   where scope == null || g.Code.StartsWith(scope)
                   orderby i.Priority descending, i.ReportedAt descending, i.Id descending
                   select new QueueRow(i.Id, i.Number, i.Title, i.Priority, i.Category!.MinorName, s.Name, c.Name, g.Name, i.Source, i.Stage, i.Tier,
                       i.ReportedAt, i.RespondDueAt, i.RespondedAt, i.ReplyDueAt, i.RepliedAt, i.ResolveDueAt, i.Version);
        return await rows.Take(QueueLimit).ToListAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<RaisedSos>> RaisedSosAsync(IDbContextFactory<CommandCenterDbContext> contexts, string? scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var raised = await (from a in db.SosAlerts.AsNoTracking()
                            join g in db.Grids on a.GridId equals g.Id
                            where a.Status == SosStatus.Raised && (scope == null || g.Code.StartsWith(scope))
                            orderby a.RaisedAt descending, a.Id descending
                            select new
                            {
                                a.Id, a.IncidentId, a.RaisedAt, Grid = g.Name,
                                Number = db.Incidents.Where(i => i.Id == a.IncidentId).Select(i => i.Number).FirstOrDefault(),
                                Wearer = db.Residents.Where(r => r.Id == a.ResidentId).Select(r => r.Name).FirstOrDefault(),
                            }).Take(20).ToListAsync(cancellationToken);
        return [.. raised.Select(a => new RaisedSos(a.Id, a.IncidentId, a.Number, a.Grid, PersonalDataMask.Name(a.Wearer), a.RaisedAt))];
    }

    public static async Task<IReadOnlyList<SupervisionRow>> SupervisionsAsync(IDbContextFactory<CommandCenterDbContext> contexts, string? scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from s in db.Supervisions.AsNoTracking()
                          join i in db.Incidents on s.IncidentId equals i.Id
                          join g in db.Grids on i.GridId equals g.Id
                          where s.ResolvedAt == null && (scope == null || g.Code.StartsWith(scope))
                          orderby s.CreatedAt
                          select new
                          {
                              s.Id, s.IncidentId, i.Number, i.Title, i.HandlingUnitId, s.Clock, s.Reason, s.LastRemindedAt, s.ReminderCount,
                              i.RespondDueAt, i.ReplyDueAt, i.ResolveDueAt,
                              Unit = db.HandlingUnits.Where(u => u.Id == i.HandlingUnitId).Select(u => u.Name).FirstOrDefault(),
                          }).Take(1000).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SupervisionRow(r.Id, r.IncidentId, r.Number, r.Title, r.HandlingUnitId, r.Unit, r.Clock, r.Reason,
            r.Clock switch { SlaClock.Respond => r.RespondDueAt, SlaClock.Reply => r.ReplyDueAt, _ => r.ResolveDueAt }, r.LastRemindedAt, r.ReminderCount))];
    }

    /// <summary>The incident with its history, place and masked reporter; null when missing or outside the scope.</summary>
    public static async Task<IncidentDetail?> DetailAsync(IDbContextFactory<CommandCenterDbContext> contexts, long id, string? scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Category).Include(i => i.HandlingUnit)
            .SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return null;
        }
        var place = await (from g in db.Grids
                           join c in db.Communities on g.CommunityId equals c.Id
                           join s in db.Streets on c.StreetId equals s.Id
                           where g.Id == incident.GridId
                           select new { g.Code, g.Name, g.Boundary, Community = c.Name, Street = s.Name }).SingleAsync(cancellationToken);
        if (scope is not null && !place.Code.StartsWith(scope, StringComparison.Ordinal))
        {
            return null;
        }
        var history = await db.IncidentHistory.AsNoTracking().Where(h => h.IncidentId == id).OrderBy(h => h.Version).ThenBy(h => h.Id).ToListAsync(cancellationToken);
        var unitIds = history.Select(h => h.HandlingUnitId).OfType<int>().Distinct().ToList();
        var unitNames = await db.HandlingUnits.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var duplicateOf = incident.DuplicateOfId is { } originalId
            ? await db.Incidents.Where(i => i.Id == originalId).Select(i => i.Number).SingleOrDefaultAsync(cancellationToken)
            : null;
        var sos = await db.SosAlerts.AsNoTracking().Where(a => a.IncidentId == id)
            .Select(a => new RaisedSosState(a.Id, a.Status, a.RaisedAt, a.AcknowledgedAt, a.AcknowledgedBy)).FirstOrDefaultAsync(cancellationToken);

        var reporterName = PersonalDataMask.Name(incident.ReporterName);
        var reporterPhone = PersonalDataMask.Phone(incident.ReporterPhone);
        incident.ReporterName = reporterName;
        incident.ReporterPhone = reporterPhone;
        incident.Title = PersonalDataMask.FreeText(incident.Title)!;
        incident.Description = PersonalDataMask.FreeText(incident.Description)!;
        foreach (var row in history)
        {
            row.Note = PersonalDataMask.FreeText(row.Note);
        }
        return new IncidentDetail(incident, incident.Category?.MinorName ?? string.Empty, place.Street, place.Community, place.Name, place.Code, place.Boundary,
            reporterName, reporterPhone, incident.HandlingUnit?.Name, duplicateOf, history, unitNames, sos);
    }

    /// <summary>Active units whose area covers the grid, at the given tiers (the transition service checks the same on submit).</summary>
    public static async Task<IReadOnlyList<UnitChoice>> UnitsServingAsync(
        IDbContextFactory<CommandCenterDbContext> contexts, string gridCode, Func<HandlingTier, bool> tier, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var units = await db.HandlingUnits.AsNoTracking().Where(u => u.IsActive).Take(5000).ToListAsync(cancellationToken);
        return [.. units.Where(u => gridCode.StartsWith(u.AreaCode, StringComparison.Ordinal) && tier(u.Tier))
            .OrderBy(u => u.Tier).ThenByDescending(u => u.AreaCode.Length).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => new UnitChoice(u.Id, u.Name, u.Tier))];
    }

    /// <summary>Other incidents of the same grid within three days: candidates for "duplicate of".</summary>
    public static async Task<IReadOnlyList<DuplicateChoice>> DuplicateCandidatesAsync(
        IDbContextFactory<CommandCenterDbContext> contexts, Incident incident, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var from = incident.ReportedAt.AddDays(-3);
        var to = incident.ReportedAt.AddDays(3);
        return await db.Incidents.AsNoTracking()
            .Where(i => i.GridId == incident.GridId && i.Id != incident.Id && i.Stage != IncidentStage.Rejected && i.ReportedAt >= from && i.ReportedAt <= to)
            .OrderByDescending(i => i.ReportedAt).Take(30)
            .Select(i => new DuplicateChoice(i.Id, i.Number, i.Title, i.ReportedAt)).ToListAsync(cancellationToken);
    }
}
