using CommandCenter.Data.Incidents;

namespace CommandCenter.Data.Live;

/// <summary>What changed. Published after the commit that made the change.</summary>
public enum ChangeKind
{
    IncidentCreated = 0,
    IncidentChanged = 1,
    SlaBreached = 2,
    SosRaised = 3,
    PatrolStarted = 4,
    PatrolCheckIn = 5,
    PatrolEnded = 6,
    RatingAdded = 7,
    ServiceOrderChanged = 8,
    MicroWishChanged = 9,
    /// <summary>Drop what you hold and reload from the database (published by the periodic re-sync job).</summary>
    Resync = 10,
    /// <summary>An officer acknowledged a raised SOS alert (its id is the entity id): it is no longer open.</summary>
    SosAcknowledged = 11,
    /// <summary>
    /// Reference data changed (an administrator's edit, an import): every node drops its cached copies
    /// (<see cref="IReferenceDataCache"/>) and reloads its live state, as for <see cref="Resync"/>.
    /// </summary>
    ReferenceDataChanged = 12,
}

/// <summary>The incident facts a screen needs to update its counters without reading the row again; the title is masked (notices cross Redis and reach the hub).</summary>
public sealed record IncidentFacts(
    IncidentStage Stage,
    IncidentStage? PreviousStage,
    HandlingTier Tier,
    SourceChannel Source,
    int CategoryId,
    IncidentPriority Priority,
    bool RespondBreached,
    bool ReplyBreached,
    bool ResolveBreached,
    HandlingTier? ClosedTier,
    string Number,
    string Title,
    DateTime ReportedAt)
{
    /// <summary>The lifecycle timestamps after the change, so counters of "filed/dispatched/closed today" need no read.</summary>
    public DateTime? FiledAt { get; init; }
    public DateTime? DispatchedAt { get; init; }
    /// <summary>The respond clock was met (or run out) at this time.</summary>
    public DateTime? RespondedAt { get; init; }
    /// <summary>The reply clock was met at this time.</summary>
    public DateTime? RepliedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    /// <summary>The resolve deadline after the change (an extension moves it): 按期结案 and 应结案 are counted against it.</summary>
    public DateTime ResolveDueAt { get; init; }

    public static IncidentFacts Of(Incident incident, IncidentStage? previousStage) => new(
        incident.Stage, previousStage, incident.Tier, incident.Source, incident.CategoryId, incident.Priority,
        incident.RespondBreached, incident.ReplyBreached, incident.ResolveBreached, incident.ClosedTier,
        incident.Number, Privacy.PersonalDataMask.FreeText(incident.Title, incident.ReporterName)!, incident.ReportedAt)
    {
        FiledAt = incident.FiledAt,
        DispatchedAt = incident.DispatchedAt,
        RespondedAt = incident.RespondedAt,
        RepliedAt = incident.RepliedAt,
        ClosedAt = incident.ClosedAt,
        ResolveDueAt = incident.ResolveDueAt,
    };
}

/// <summary>
/// A small change notice: its kind, the ids, the hierarchy path (street, community, grid) and the version.
/// Pushes are hints; the database is the truth (a subscriber that misses one re-syncs).
/// </summary>
public sealed record ChangeNotice(
    ChangeKind Kind,
    long EntityId,
    int? StreetId,
    int? CommunityId,
    int? GridId,
    int Version,
    DateTime At)
{
    /// <summary>Set for incident notices, and for ratings of an incident (a service-order rating has none; its id is the rating's).</summary>
    public IncidentFacts? Incident { get; init; }

    /// <summary>Set for ratings: 1–5.</summary>
    public int? RatingLevel { get; init; }

    /// <summary>The transition an <see cref="ChangeKind.IncidentChanged"/> notice reports (返工 and 延期 are counted from it).</summary>
    public IncidentAction? Action { get; init; }

    /// <summary>The SLA clock for <see cref="ChangeKind.SlaBreached"/>.</summary>
    public SlaClock? Clock { get; init; }

    /// <summary>The notice an edit or import of reference data publishes after its commit (with the import run's id, if any).</summary>
    public static ChangeNotice ReferenceData(DateTime at, long entityId = 0) => new(ChangeKind.ReferenceDataChanged, entityId, null, null, null, 0, at);

    public static ChangeNotice ForIncident(ChangeKind kind, Incident incident, IncidentStage? previousStage, DateTime at) =>
        new(kind, incident.Id, incident.StreetId, incident.CommunityId, incident.GridId, incident.Version, at)
        {
            Incident = IncidentFacts.Of(incident, previousStage),
        };
}
