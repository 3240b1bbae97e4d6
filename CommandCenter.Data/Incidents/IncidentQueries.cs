using CommandCenter.Data.Hierarchy;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Incidents;

/// <summary>
/// The read side of incidents for the console and the API: every read is bounded, untracked and filtered to the caller's
/// scope (a hierarchy code prefix of the incident's grid; null for the whole district), and personal data is masked
/// before a record leaves this class. The console's reads are in IncidentQueries.Console.cs.
/// </summary>
public sealed partial class IncidentQueries(IDbContextFactory<CommandCenterDbContext> contexts)
{
    private static readonly IncidentStage[] ClosedStages = [IncidentStage.Closed, IncidentStage.Evaluated, IncidentStage.Rejected];

    /// <summary>The scope filter: incidents whose grid code starts with the scope (every incident when it is null or empty).</summary>
    public static IQueryable<Incident> InScope(IQueryable<Incident> incidents, IQueryable<Grid> grids, string? scope)
    {
        if (string.IsNullOrEmpty(scope))
        {
            return incidents;
        }
        var gridIds = InScope(grids, scope).Select(g => g.Id);
        return incidents.Where(i => gridIds.Contains(i.GridId));
    }

    /// <summary>The grids whose code starts with the scope (every grid when it is null or empty).</summary>
    public static IQueryable<Grid> InScope(IQueryable<Grid> grids, string? scope) =>
        string.IsNullOrEmpty(scope) ? grids : grids.Where(g => g.Code.StartsWith(scope));

    /// <summary>
    /// One page of the list, newest first, with the total. The narrower of the filter's node and the scope decides; a node
    /// outside the scope matches nothing (the caller answers 403 first).
    /// </summary>
    public async Task<IncidentPage> ListAsync(IncidentListFilter filter, string? scopeCode, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incidents = db.Incidents.AsNoTracking();
        if (filter.Stage is { } stage)
        {
            incidents = incidents.Where(i => i.Stage == stage);
        }
        if (filter.Open is { } open)
        {
            incidents = open ? incidents.Where(i => !ClosedStages.Contains(i.Stage)) : incidents.Where(i => ClosedStages.Contains(i.Stage));
        }
        if (filter.Source is { } source)
        {
            incidents = incidents.Where(i => i.Source == source);
        }
        if (filter.Priority is { } priority)
        {
            incidents = incidents.Where(i => i.Priority == priority);
        }
        if (filter.CategoryCode is { } code)
        {
            incidents = incidents.Where(i => i.Category!.Code == code);
        }
        if (filter.From is { } from)
        {
            incidents = incidents.Where(i => i.ReportedAt >= from);
        }
        if (filter.To is { } to)
        {
            incidents = incidents.Where(i => i.ReportedAt < to);
        }
        var node = filter.Node;
        var area = node is null ? scopeCode : HierarchyCode.IsWithin(node, scopeCode) ? node : scopeCode;
        incidents = InScope(incidents, db.Grids, area);

        var total = await incidents.CountAsync(cancellationToken);
        var page = await incidents.OrderByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Include(i => i.Category).Include(i => i.HandlingUnit)
            .ToListAsync(cancellationToken);
        var gridIds = page.Select(i => i.GridId).Distinct().ToList();
        var gridCodes = await db.Grids.Where(g => gridIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Code, cancellationToken);
        return new IncidentPage([.. page.Select(i => IncidentRecord.From(i, gridCodes.GetValueOrDefault(i.GridId)))], total);
    }

    /// <summary>One incident, masked, whatever the scope (the API answers 404 before 403); null when missing.</summary>
    public async Task<IncidentRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Category).Include(i => i.HandlingUnit)
            .SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return null;
        }
        var gridCode = await db.Grids.Where(g => g.Id == incident.GridId).Select(g => g.Code).SingleOrDefaultAsync(cancellationToken);
        return IncidentRecord.From(incident, gridCode);
    }

    /// <summary>An incident's history in order, notes masked.</summary>
    public async Task<IReadOnlyList<IncidentHistoryRecord>> HistoryAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await HistoryAsync(db, id, cancellationToken);
    }

    private static async Task<IReadOnlyList<IncidentHistoryRecord>> HistoryAsync(CommandCenterDbContext db, long id, CancellationToken cancellationToken)
    {
        var rows = await db.IncidentHistory.AsNoTracking().Where(h => h.IncidentId == id).OrderBy(h => h.Version).ThenBy(h => h.Id)
            .Select(h => new IncidentHistoryRecord(h.Id, h.Version, h.Action, h.FromStage, h.ToStage, h.Tier, h.HandlingUnitId, h.ActorName, h.Note, h.At))
            .ToListAsync(cancellationToken);
        // A report made by a person rather than an officer's account (a grid worker through a channel, a resident) names
        // its reporter as the actor: that name is masked like the reporter field itself.
        var reporter = await db.Incidents.Where(i => i.Id == id).Select(i => i.ReporterName).FirstOrDefaultAsync(cancellationToken);
        return [.. rows.Select(h => h with
        {
            ActorName = reporter is { Length: > 0 } && h.ActorName == reporter ? Privacy.PersonalDataMask.Name(h.ActorName)! : h.ActorName,
            Note = Privacy.PersonalDataMask.FreeText(h.Note),
        })];
    }
}
