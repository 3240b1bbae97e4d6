using CommandCenter.Data.Ratings;

namespace CommandCenter.Data.Incidents;

/// <summary>Who performs a transition.</summary>
public sealed record IncidentActor(string? UserId, string Name);

/// <summary>A requested transition. <see cref="Version"/> is the version the caller saw.</summary>
public sealed record IncidentCommand(
    IncidentAction Action,
    int Version,
    string? Note = null,
    HandlingTier? Tier = null,
    int? HandlingUnitId = null,
    DateTime? NewResolveDueAt = null,
    long? DuplicateOfId = null,
    RatingLevel? Rating = null,
    bool? Reached = null);

/// <summary>
/// The GB/T 30428 state machine: which action is allowed in which stage, and what it changes.
/// Pure: the caller loads the incident and the resolved handling unit, and saves the result.
/// </summary>
public static class IncidentLifecycle
{
    private static readonly Dictionary<IncidentAction, IncidentStage[]> AllowedFrom = new()
    {
        [IncidentAction.File] = [IncidentStage.Reported],
        [IncidentAction.Reject] = [IncidentStage.Reported, IncidentStage.Filed],
        [IncidentAction.Dispatch] = [IncidentStage.Filed, IncidentStage.Dispatched],
        [IncidentAction.Accept] = [IncidentStage.Dispatched],
        [IncidentAction.Escalate] = [IncidentStage.Dispatched, IncidentStage.Handling],
        [IncidentAction.Reply] = [IncidentStage.Reported, IncidentStage.Filed, IncidentStage.Dispatched, IncidentStage.Handling, IncidentStage.Feedback],
        [IncidentAction.Extend] = [IncidentStage.Dispatched, IncidentStage.Handling],
        [IncidentAction.Feedback] = [IncidentStage.Handling],
        [IncidentAction.Close] = [IncidentStage.Feedback],
        [IncidentAction.Rework] = [IncidentStage.Feedback],
        [IncidentAction.CallBack] = [IncidentStage.Closed],
        [IncidentAction.Rate] = [IncidentStage.Closed],
    };

    /// <summary>The actions a person or a machine may request (the rest are the system's own).</summary>
    public static IReadOnlyCollection<IncidentAction> RequestableActions => AllowedFrom.Keys;

    public static IReadOnlyList<IncidentAction> AllowedActions(Incident incident) =>
        [.. AllowedFrom.Where(p => p.Value.Contains(incident.Stage)).Select(p => p.Key)
            .Where(a => a != IncidentAction.Escalate || incident.Tier < HandlingTier.District)
            .Where(a => a != IncidentAction.Reply || incident.RepliedAt is null)];

    public static bool IsAllowed(Incident incident, IncidentAction action) => AllowedActions(incident).Contains(action);

    /// <summary>The tier an escalation goes to when none is named.</summary>
    public static HandlingTier NextTier(HandlingTier tier) => tier < HandlingTier.District ? tier + 1 : HandlingTier.District;

    /// <summary>Field errors in the command's arguments, independent of the database.</summary>
    public static Dictionary<string, string[]> ValidateArguments(Incident incident, IncidentCommand command)
    {
        var errors = new Dictionary<string, string[]>();
        switch (command.Action)
        {
            case IncidentAction.Dispatch when command.Tier is null && command.HandlingUnitId is null:
                errors["handlingUnitId"] = ["A dispatch names a handling unit or a tier."];
                break;
            case IncidentAction.Escalate when command.Tier is { } tier && tier <= incident.Tier:
                errors["tier"] = [$"An escalation goes above the current tier ({incident.Tier})."];
                break;
            case IncidentAction.Extend:
                if (command.NewResolveDueAt is not { } due || due <= incident.ResolveDueAt)
                {
                    errors["newResolveDueAt"] = ["An extension needs a new deadline later than the current one."];
                }
                if (string.IsNullOrWhiteSpace(command.Note))
                {
                    errors["note"] = ["An extension needs a reason."];
                }
                break;
            case IncidentAction.Reject:
                if (string.IsNullOrWhiteSpace(command.Note) && command.DuplicateOfId is null)
                {
                    errors["note"] = ["A rejection needs a reason or the original it duplicates."];
                }
                if (command.DuplicateOfId == incident.Id)
                {
                    errors["duplicateOfId"] = ["An incident cannot duplicate itself."];
                }
                break;
            case IncidentAction.Rework when string.IsNullOrWhiteSpace(command.Note):
                errors["note"] = ["Rework needs a reason."];
                break;
            case IncidentAction.Rate when command.Rating is null || !Enum.IsDefined(command.Rating.Value):
                errors["rating"] = ["A rating is one of 1 (非常不满意) to 5 (非常满意)."];
                break;
        }
        if (command.Note is { Length: > 2000 })
        {
            errors["note"] = ["The note is longer than 2000 characters."];
        }
        return errors;
    }

    /// <summary>
    /// Applies an allowed, validated command: moves the stage, sets the clocks' timestamps and counters,
    /// bumps the version, and returns the history row to append.
    /// </summary>
    /// <param name="unit">The handling unit resolved for Dispatch and Escalate (null otherwise).</param>
    public static IncidentHistory Apply(Incident incident, IncidentCommand command, IncidentActor actor, HandlingUnit? unit, DateTime now)
    {
        if (!IsAllowed(incident, command.Action))
        {
            throw new InvalidOperationException($"{command.Action} is not allowed in stage {incident.Stage}.");
        }
        var from = incident.Stage;
        switch (command.Action)
        {
            case IncidentAction.File:
                incident.Stage = IncidentStage.Filed;
                incident.FiledAt = now;
                break;
            case IncidentAction.Reject:
                incident.Stage = IncidentStage.Rejected;
                incident.RejectedAt = now;
                incident.DuplicateOfId = command.DuplicateOfId;
                break;
            case IncidentAction.Dispatch:
                incident.Stage = IncidentStage.Dispatched;
                incident.DispatchedAt ??= now;
                incident.Tier = unit?.Tier ?? command.Tier ?? incident.Tier;
                incident.HandlingUnitId = unit?.Id;
                break;
            case IncidentAction.Accept:
                incident.Stage = IncidentStage.Handling;
                incident.RespondedAt ??= now;
                break;
            case IncidentAction.Escalate:
                incident.Stage = IncidentStage.Dispatched;
                incident.Tier = unit?.Tier ?? command.Tier ?? NextTier(incident.Tier);
                incident.HandlingUnitId = unit?.Id;
                incident.EscalationCount++;
                break;
            case IncidentAction.Reply:
                incident.RepliedAt ??= now;
                break;
            case IncidentAction.Extend:
                incident.ResolveDueAt = command.NewResolveDueAt!.Value;
                incident.ExtensionCount++;
                break;
            case IncidentAction.Feedback:
                incident.Stage = IncidentStage.Feedback;
                incident.FeedbackAt = now;
                break;
            case IncidentAction.Close:
                incident.Stage = IncidentStage.Closed;
                incident.ClosedAt = now;
                incident.ClosedTier = incident.Tier;
                incident.RepliedAt ??= now;
                incident.ResolveBreached = SlaPolicy.IsBreached(now, incident.ResolveDueAt, now);
                break;
            case IncidentAction.Rework:
                incident.Stage = IncidentStage.Handling;
                incident.ReworkCount++;
                break;
            case IncidentAction.CallBack:
                break;
            case IncidentAction.Rate:
                incident.Stage = IncidentStage.Evaluated;
                incident.EvaluatedAt = now;
                break;
            default:
                throw new InvalidOperationException($"{command.Action} is not a requestable action.");
        }

        // Breach flags follow the clocks' timestamps.
        incident.RespondBreached = SlaPolicy.IsBreached(incident.RespondedAt, incident.RespondDueAt, now) && (incident.RespondedAt is not null || incident.IsOpen);
        incident.ReplyBreached = SlaPolicy.IsBreached(incident.RepliedAt, incident.ReplyDueAt, now) && (incident.RepliedAt is not null || incident.IsOpen);

        incident.Version++;
        incident.UpdatedAt = now;
        return new IncidentHistory
        {
            IncidentId = incident.Id,
            Version = incident.Version,
            Action = command.Action,
            FromStage = from,
            ToStage = incident.Stage,
            Tier = incident.Tier,
            HandlingUnitId = incident.HandlingUnitId,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Note = command.Note,
            At = now,
        };
    }
}
