using CommandCenter.Data.Privacy;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Incidents;

/// <summary>The duty console's reads: queue, raised SOS, supervisions, the detail page and the action forms' choices.</summary>
public sealed partial class IncidentQueries
{
    /// <summary>The queue shows at most this many open incidents (urgent and newest first).</summary>
    public const int QueueLimit = 2000;

    private static readonly IncidentStage[] OpenStages =
        [IncidentStage.Reported, IncidentStage.Filed, IncidentStage.Dispatched, IncidentStage.Handling, IncidentStage.Feedback];

    public async Task<IReadOnlyList<QueueRow>> QueueAsync(string? scope, QueueView view, string? userId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = InScope(db.Incidents.AsNoTracking().Where(i => OpenStages.Contains(i.Stage)), db.Grids, scope);
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
                   orderby i.Priority descending, i.ReportedAt descending, i.Id descending
                   select new QueueRow(i.Id, i.Number, i.Title, i.Priority, i.Category!.MinorName, s.Name, c.Name, g.Name, i.Source, i.Stage, i.Tier,
                       i.ReportedAt, i.RespondDueAt, i.RespondedAt, i.ReplyDueAt, i.RepliedAt, i.ResolveDueAt, i.Version);
        var queue = await rows.Take(QueueLimit).ToListAsync(cancellationToken);
        return [.. queue.Select(r => r with { Title = PersonalDataMask.FreeText(r.Title)! })];
    }

    public async Task<IReadOnlyList<RaisedSos>> RaisedSosAsync(string? scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var raised = await (from a in db.SosAlerts.AsNoTracking()
                            join g in InScope(db.Grids, scope) on a.GridId equals g.Id
                            where a.Status == SosStatus.Raised
                            orderby a.RaisedAt descending, a.Id descending
                            select new
                            {
                                a.Id, a.IncidentId, a.RaisedAt, Grid = g.Name, a.AlarmCount, a.Latitude, a.Longitude, a.IsUnregisteredDevice,
                                Number = db.Incidents.Where(i => i.Id == a.IncidentId).Select(i => i.Number).FirstOrDefault(),
                                Wearer = db.Residents.Where(r => r.Id == a.ResidentId).Select(r => r.Name).FirstOrDefault(),
                            }).Take(20).ToListAsync(cancellationToken);
        return [.. raised.Select(a => new RaisedSos(a.Id, a.IncidentId, a.Number, a.Grid, PersonalDataMask.Name(a.Wearer), a.RaisedAt)
        {
            AlarmCount = a.AlarmCount, Latitude = a.Latitude, Longitude = a.Longitude, IsUnregisteredDevice = a.IsUnregisteredDevice,
        })];
    }

    public async Task<IReadOnlyList<SupervisionRow>> SupervisionsAsync(string? scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from s in db.Supervisions.AsNoTracking()
                          join i in InScope(db.Incidents, db.Grids, scope) on s.IncidentId equals i.Id
                          where s.ResolvedAt == null
                          orderby s.CreatedAt
                          select new
                          {
                              s.Id, s.IncidentId, i.Number, i.Title, i.HandlingUnitId, s.Clock, s.Reason, s.LastRemindedAt, s.ReminderCount,
                              i.RespondDueAt, i.ReplyDueAt, i.ResolveDueAt,
                              Unit = db.HandlingUnits.Where(u => u.Id == i.HandlingUnitId).Select(u => u.Name).FirstOrDefault(),
                          }).Take(1000).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SupervisionRow(r.Id, r.IncidentId, r.Number, PersonalDataMask.FreeText(r.Title)!, r.HandlingUnitId, r.Unit, r.Clock, r.Reason,
            r.Clock switch { SlaClock.Respond => r.RespondDueAt, SlaClock.Reply => r.ReplyDueAt, _ => r.ResolveDueAt }, r.LastRemindedAt, r.ReminderCount))];
    }

    /// <summary>The incident with its history, place and masked reporter; null when missing or outside the scope.</summary>
    public async Task<IncidentDetail?> DetailAsync(long id, string? scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Category).Include(i => i.HandlingUnit)
            .SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return null;
        }
        var place = await (from g in InScope(db.Grids, scope)
                           join c in db.Communities on g.CommunityId equals c.Id
                           join s in db.Streets on c.StreetId equals s.Id
                           where g.Id == incident.GridId
                           select new { g.Code, g.Name, g.Boundary, Community = c.Name, Street = s.Name }).SingleOrDefaultAsync(cancellationToken);
        if (place is null)
        {
            return null;
        }
        var history = await HistoryAsync(db, id, cancellationToken);
        var unitIds = history.Select(h => h.HandlingUnitId).OfType<int>().Distinct().ToList();
        var unitNames = await db.HandlingUnits.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var duplicateOf = incident.DuplicateOfId is { } originalId
            ? await db.Incidents.Where(i => i.Id == originalId).Select(i => i.Number).SingleOrDefaultAsync(cancellationToken)
            : null;
        var sos = await db.SosAlerts.AsNoTracking().Where(a => a.IncidentId == id)
            .Select(a => new RaisedSosState(a.Id, a.Status, a.RaisedAt, a.AcknowledgedAt, a.AcknowledgedBy,
                (from r in db.Residents
                 join h in db.Households on r.HouseholdId equals h.Id
                 join room in db.Rooms on h.RoomId equals room.Id
                 join b in db.Buildings on room.BuildingId equals b.Id
                 where r.Id == a.ResidentId
                 select b.Address + " " + room.Number).FirstOrDefault())).FirstOrDefaultAsync(cancellationToken);
        return new IncidentDetail(IncidentRecord.From(incident, place.Code), incident.Category?.MinorName ?? string.Empty, place.Street, place.Community,
            place.Name, place.Code, place.Boundary, incident.HandlingUnit?.Name, duplicateOf, history, unitNames, sos);
    }

    /// <summary>The incident's current version (0 when it is gone): a cheap check before reading the detail again.</summary>
    public async Task<int> VersionAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Incidents.Where(i => i.Id == id).Select(i => i.Version).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Active units whose area covers the grid, at the given tiers (the transition service checks the same on submit).</summary>
    public async Task<IReadOnlyList<UnitChoice>> UnitsServingAsync(string gridCode, Func<HandlingTier, bool> tier, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var units = await db.HandlingUnits.AsNoTracking().Where(u => u.IsActive).Take(5000).ToListAsync(cancellationToken);
        return [.. units.Where(u => gridCode.StartsWith(u.AreaCode, StringComparison.Ordinal) && tier(u.Tier))
            .OrderBy(u => u.Tier).ThenByDescending(u => u.AreaCode.Length).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => new UnitChoice(u.Id, u.Name, u.Tier))];
    }

    /// <summary>Other incidents of the same grid within three days: candidates for "duplicate of".</summary>
    public async Task<IReadOnlyList<DuplicateChoice>> DuplicateCandidatesAsync(IncidentRecord incident, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var from = incident.ReportedAt.AddDays(-3);
        var to = incident.ReportedAt.AddDays(3);
        var candidates = await db.Incidents.AsNoTracking()
            .Where(i => i.GridId == incident.GridId && i.Id != incident.Id && i.Stage != IncidentStage.Rejected && i.ReportedAt >= from && i.ReportedAt <= to)
            .OrderByDescending(i => i.ReportedAt).Take(30)
            .Select(i => new DuplicateChoice(i.Id, i.Number, i.Title, i.ReportedAt)).ToListAsync(cancellationToken);
        return [.. candidates.Select(c => c with { Title = PersonalDataMask.FreeText(c.Title)! })];
    }
}
