using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Live;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Incidents;

public enum TransitionStatus
{
    Applied = 0,
    NotFound = 1,
    /// <summary>The caller's scope does not cover the incident's grid.</summary>
    OutOfScope = 2,
    /// <summary>The caller saw an older version: someone acted first.</summary>
    StaleVersion = 3,
    /// <summary>The action is not allowed in the current stage.</summary>
    IllegalTransition = 4,
    /// <summary>The arguments are wrong (field errors).</summary>
    Invalid = 5,
}

/// <summary>The outcome of a transition, with the incident's current state either way.</summary>
public sealed record TransitionResult(
    TransitionStatus Status,
    Incident? Incident = null,
    IncidentHistory? History = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? Message = null)
{
    public bool Succeeded => Status == TransitionStatus.Applied;
}

/// <summary>
/// Applies lifecycle transitions in one transaction: scope, version, allowed transition and arguments are
/// checked on the server, every time, whatever the caller's screen offered.
/// </summary>
public sealed class IncidentTransitionService(IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time, ILiveFeed? liveFeed = null)
{
    public async Task<TransitionResult> ApplyAsync(
        long incidentId, IncidentCommand command, IncidentActor actor, string? scopeCode, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.SingleOrDefaultAsync(x => x.Id == incidentId, cancellationToken);
        if (incident is null)
        {
            return new TransitionResult(TransitionStatus.NotFound, Message: $"Incident {incidentId} does not exist.");
        }
        var gridCode = await db.Grids.Where(g => g.Id == incident.GridId).Select(g => g.Code).SingleAsync(cancellationToken);
        if (!HierarchyCode.IsWithin(gridCode, scopeCode))
        {
            return new TransitionResult(TransitionStatus.OutOfScope, Message: "The incident lies outside your area.");
        }
        if (command.Version != incident.Version)
        {
            return await StaleAsync(db, incident, cancellationToken);
        }
        if (!IncidentLifecycle.IsAllowed(incident, command.Action))
        {
            return new TransitionResult(TransitionStatus.IllegalTransition, incident,
                Message: $"{command.Action} is not allowed while the incident is {incident.Stage}.");
        }
        var errors = IncidentLifecycle.ValidateArguments(incident, command);
        HandlingUnit? unit = null;
        if (errors.Count == 0 && command.Action is IncidentAction.Dispatch or IncidentAction.Escalate)
        {
            (unit, var unitError) = await ResolveUnitAsync(db, incident, command, gridCode, cancellationToken);
            if (unitError is not null)
            {
                errors["handlingUnitId"] = [unitError];
            }
        }
        if (errors.Count == 0 && command.DuplicateOfId is { } originalId
            && !await ScopedIds.IncidentAsync(db, originalId, scopeCode, cancellationToken))
        {
            errors["duplicateOfId"] = [$"Incident {originalId} does not exist."];
        }
        if (errors.Count > 0)
        {
            return new TransitionResult(TransitionStatus.Invalid, incident, Errors: errors, Message: "The transition's arguments are invalid.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var previousStage = incident.Stage;
        var history = IncidentLifecycle.Apply(incident, command, actor, unit, now);
        db.IncidentHistory.Add(history);
        AddSideRecords(db, incident, command, actor, now);
        List<SosAlert> settledAlarms = [];
        if (!incident.IsOpen)
        {
            await db.Supervisions.Where(s => s.IncidentId == incident.Id && s.ResolvedAt == null)
                .ForEachAsync(s => s.ResolvedAt = now, cancellationToken);
            settledAlarms = await SettleAlarmsAsync(db, incident, actor, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.Incidents.SingleAsync(x => x.Id == incidentId, cancellationToken);
            return await StaleAsync(fresh, current, cancellationToken);
        }
        if (liveFeed is not null)
        {
            await liveFeed.PublishAsync(ChangeNotice.ForIncident(ChangeKind.IncidentChanged, incident, previousStage, now) with { Action = command.Action }, CancellationToken.None);
            foreach (var alarm in settledAlarms)
            {
                // The alarm is no longer raised: screens drop it from the open SOS alarms (the banner stops ringing).
                await liveFeed.PublishAsync(new ChangeNotice(ChangeKind.SosAcknowledged, alarm.Id, incident.StreetId, incident.CommunityId, alarm.GridId, 1, now),
                    CancellationToken.None);
            }
            if (command.Action == IncidentAction.Rate)
            {
                await liveFeed.PublishAsync(new ChangeNotice(ChangeKind.RatingAdded, incident.Id, incident.StreetId, incident.CommunityId, incident.GridId, incident.Version, now)
                {
                    RatingLevel = (int)command.Rating!.Value,
                    Incident = IncidentFacts.Of(incident, previousStage),
                }, CancellationToken.None);
            }
        }
        return new TransitionResult(TransitionStatus.Applied, incident, history);
    }

    /// <summary>
    /// The SOS alarms that raised an incident end with it: resolved when it closes, a false alarm when it is voided.
    /// Returns those that were still raised (not yet acknowledged), which screens count as open.
    /// </summary>
    private static async Task<List<SosAlert>> SettleAlarmsAsync(
        CommandCenterDbContext db, Incident incident, IncidentActor actor, DateTime now, CancellationToken cancellationToken)
    {
        var alarms = await db.SosAlerts
            .Where(a => a.IncidentId == incident.Id && (a.Status == SosStatus.Raised || a.Status == SosStatus.Acknowledged))
            .ToListAsync(cancellationToken);
        var raised = alarms.Where(a => a.Status == SosStatus.Raised).ToList();
        foreach (var alarm in alarms)
        {
            if (alarm.Status == SosStatus.Raised)
            {
                // Nobody acknowledged it on the console: whoever ended the incident dealt with it.
                alarm.AcknowledgedAt = now;
                alarm.AcknowledgedBy = actor.Name.Length > 256 ? actor.Name[..256] : actor.Name;
            }
            alarm.Status = incident.Stage == IncidentStage.Rejected ? SosStatus.FalseAlarm : SosStatus.Resolved;
        }
        return raised;
    }

    private static void AddSideRecords(CommandCenterDbContext db, Incident incident, IncidentCommand command, IncidentActor actor, DateTime now)
    {
        switch (command.Action)
        {
            case IncidentAction.Rate:
                db.Ratings.Add(new Rating { IncidentId = incident.Id, GridId = incident.GridId, Level = command.Rating!.Value, Comment = command.Note, RatedAt = now });
                break;
            case IncidentAction.CallBack:
                db.CallBacks.Add(new CallBack
                {
                    IncidentId = incident.Id, At = now, Reached = command.Reached ?? true, OfficerId = actor.UserId, OfficerName = actor.Name, Note = command.Note,
                });
                break;
        }
    }

    /// <summary>
    /// Dispatch and escalation go to a unit whose area covers the incident's grid. A named unit is checked;
    /// otherwise the closest unit of the requested (or next) tier is chosen.
    /// </summary>
    private static async Task<(HandlingUnit? Unit, string? Error)> ResolveUnitAsync(
        CommandCenterDbContext db, Incident incident, IncidentCommand command, string gridCode, CancellationToken cancellationToken)
    {
        var tier = command.Action == IncidentAction.Escalate ? command.Tier ?? IncidentLifecycle.NextTier(incident.Tier) : command.Tier;
        if (command.HandlingUnitId is { } unitId)
        {
            var named = await db.HandlingUnits.SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
            if (named is null || !named.IsActive)
            {
                return (null, $"Handling unit {unitId} does not exist or is inactive.");
            }
            if (!gridCode.StartsWith(named.AreaCode, StringComparison.Ordinal))
            {
                return (null, $"{named.Name} does not serve this incident's area.");
            }
            if (tier is { } wanted && named.Tier != wanted && command.Action == IncidentAction.Dispatch)
            {
                return (null, $"{named.Name} is at the {named.Tier} tier, not {wanted}.");
            }
            if (command.Action == IncidentAction.Escalate && named.Tier <= incident.Tier)
            {
                return (null, $"An escalation goes above the current tier ({incident.Tier}).");
            }
            return (named, null);
        }

        var candidates = await db.HandlingUnits.Where(u => u.IsActive && u.Tier == tier).ToListAsync(cancellationToken);
        var closest = candidates.Where(u => gridCode.StartsWith(u.AreaCode, StringComparison.Ordinal))
            .OrderByDescending(u => u.AreaCode.Length).ThenBy(u => u.Id).FirstOrDefault();
        return closest is null ? (null, $"No handling unit at the {tier} tier serves this incident's area.") : (closest, null);
    }

    /// <summary>A conflict tells who acted first.</summary>
    private static async Task<TransitionResult> StaleAsync(CommandCenterDbContext db, Incident current, CancellationToken cancellationToken)
    {
        var last = await db.IncidentHistory.Where(h => h.IncidentId == current.Id)
            .OrderByDescending(h => h.Version).FirstOrDefaultAsync(cancellationToken);
        var who = last is null ? "someone" : $"{last.ActorName} ({last.Action}, {last.At:yyyy-MM-dd HH:mm:ss} UTC)";
        return new TransitionResult(TransitionStatus.StaleVersion, current, last,
            Message: $"The incident changed since you loaded it: version {current.Version}, last by {who}.");
    }
}
