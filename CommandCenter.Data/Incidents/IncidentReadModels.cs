using CommandCenter.Data.Privacy;
using CommandCenter.Data.Sos;

namespace CommandCenter.Data.Incidents;

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

/// <summary>A raised SOS alarm for the banner; the wearer is masked.</summary>
public sealed record RaisedSos(long Id, long? IncidentId, string? IncidentNumber, string Grid, string? Wearer, DateTime RaisedAt)
{
    /// <summary>Presses while raised (one alarm per device), and the latest position sent.</summary>
    public int AlarmCount { get; init; } = 1;
    public double Latitude { get; init; }
    public double Longitude { get; init; }
    /// <summary>The serial was not a registered device (未登记设备).</summary>
    public bool IsUnregisteredDevice { get; init; }
}

/// <summary>One open 督办 for the supervision list.</summary>
public sealed record SupervisionRow(
    long Id, long IncidentId, string Number, string Title, int? HandlingUnitId, string? HandlingUnit, SlaClock Clock, string Reason,
    DateTime DueAt, DateTime? LastRemindedAt, int ReminderCount);

/// <summary>A handling unit the rules allow as a dispatch or escalation target.</summary>
public sealed record UnitChoice(int Id, string Name, HandlingTier Tier);

/// <summary>An incident that a rejection may name as the original.</summary>
public sealed record DuplicateChoice(long Id, string Number, string Title, DateTime ReportedAt);

/// <summary>An incident's category as read models show it.</summary>
public sealed record IncidentCategoryRecord(int Id, string Code, string Major, string Minor);

/// <summary>
/// One incident as it may leave the Data layer: a detached copy whose reporter and free text are already masked, with the
/// actions its stage allows.
/// </summary>
public sealed record IncidentRecord(
    long Id, string Number, string Title, string Description, SourceChannel Source, IncidentCategoryRecord? Category,
    IncidentPriority Priority, IncidentStage Stage, HandlingTier Tier, UnitChoice? HandlingUnit,
    int GridId, string? GridCode, int CommunityId, int StreetId, string? Address, double? Latitude, double? Longitude,
    string? ReporterName, string? ReporterPhone, DateTime ReportedAt,
    DateTime RespondDueAt, DateTime? RespondedAt, bool RespondBreached,
    DateTime ReplyDueAt, DateTime? RepliedAt, bool ReplyBreached,
    DateTime ResolveDueAt, DateTime? ClosedAt, bool ResolveBreached,
    HandlingTier? ClosedTier, int ReworkCount, int ExtensionCount, int EscalationCount, long? DuplicateOfId, int Version,
    IReadOnlyList<string> PhotoUrls, IReadOnlyList<IncidentAction> AllowedActions)
{
    public bool IsOpen => Stage is not (IncidentStage.Closed or IncidentStage.Evaluated or IncidentStage.Rejected);

    /// <summary>Copies and masks an incident (its category and unit when loaded).</summary>
    public static IncidentRecord From(Incident i, string? gridCode) => new(
        i.Id, i.Number, PersonalDataMask.FreeText(i.Title, i.ReporterName)!, PersonalDataMask.FreeText(i.Description, i.ReporterName)!, i.Source,
        i.Category is { } c ? new IncidentCategoryRecord(c.Id, c.Code, c.MajorName, c.MinorName) : null,
        i.Priority, i.Stage, i.Tier, i.HandlingUnit is { } u ? new UnitChoice(u.Id, u.Name, u.Tier) : null,
        i.GridId, gridCode, i.CommunityId, i.StreetId, i.Address, i.Latitude, i.Longitude,
        PersonalDataMask.Name(i.ReporterName), PersonalDataMask.Phone(i.ReporterPhone), i.ReportedAt,
        i.RespondDueAt, i.RespondedAt, i.RespondBreached, i.ReplyDueAt, i.RepliedAt, i.ReplyBreached,
        i.ResolveDueAt, i.ClosedAt, i.ResolveBreached,
        i.ClosedTier, i.ReworkCount, i.ExtensionCount, i.EscalationCount, i.DuplicateOfId, i.Version,
        IncidentPhotos.Split(i.PhotoUrls), IncidentLifecycle.AllowedActions(i));
}

/// <summary>One step of an incident's history; the note is masked.</summary>
public sealed record IncidentHistoryRecord(
    long Id, int Version, IncidentAction Action, IncidentStage FromStage, IncidentStage ToStage, HandlingTier Tier, int? HandlingUnitId,
    string ActorName, string? Note, DateTime At);

/// <summary>Everything the detail page shows; the reporter and free text are already masked.</summary>
public sealed record IncidentDetail(
    IncidentRecord Incident, string Category, string Street, string Community, string GridName, string GridCode, string GridBoundary,
    string? HandlingUnit, string? DuplicateOfNumber, IReadOnlyList<IncidentHistoryRecord> History,
    IReadOnlyDictionary<int, string> UnitNames, RaisedSosState? Sos)
{
    public string? ReporterName => Incident.ReporterName;

    public string? ReporterPhone => Incident.ReporterPhone;
}

/// <summary>
/// The SOS alert behind an SOS incident, with who acknowledged it and the wearer's home address from the registry (building
/// and room), which the duty officer handling it needs to send someone; SOS free text names the wearer masked only.
/// </summary>
public sealed record RaisedSosState(long AlertId, SosStatus Status, DateTime RaisedAt, DateTime? AcknowledgedAt, string? AcknowledgedBy,
    string? WearerAddress = null);

/// <summary>The filters of the incident list (GET /api/v1/incidents), already validated.</summary>
public sealed class IncidentListFilter
{
    public const int MaxPageSize = 200;

    public IncidentStage? Stage { get; set; }
    /// <summary>Open (true) or closed (false; closed includes evaluated and rejected).</summary>
    public bool? Open { get; set; }
    public string? CategoryCode { get; set; }
    public SourceChannel? Source { get; set; }
    public IncidentPriority? Priority { get; set; }
    /// <summary>A hierarchy code; the narrower of it and the caller's scope decides.</summary>
    public string? Node { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = 50;
}

/// <summary>One page of the incident list, newest first, with the total of all pages.</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentRecord> Items, int Total);
