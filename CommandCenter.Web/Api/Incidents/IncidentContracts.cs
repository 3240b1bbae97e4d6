using CommandCenter.Data.Incidents;
using CommandCenter.Data.Privacy;

namespace CommandCenter.Web.Api.Incidents;

/// <summary>POST /api/v1/incidents. The place is one of gridId, gridCode, or latitude + longitude.</summary>
public sealed record CreateIncidentRequest(
    string? Title,
    string? Description,
    SourceChannel? Source,
    string? CategoryCode,
    int? CategoryId,
    IncidentPriority? Priority,
    int? GridId,
    string? GridCode,
    double? Latitude,
    double? Longitude,
    string? Address,
    int? PlaceId,
    string? ReporterName,
    string? ReporterPhone,
    int? ReporterGridWorkerId,
    DateTimeOffset? ReportedAt,
    IReadOnlyList<string>? PhotoUrls = null);

/// <summary>POST /api/v1/incidents/{id}/transitions. <c>version</c> is the version the caller last saw.</summary>
public sealed record TransitionRequest(
    IncidentAction? Action,
    int? Version,
    string? Note,
    HandlingTier? Tier,
    int? HandlingUnitId,
    DateTimeOffset? NewResolveDueAt,
    long? DuplicateOfId,
    int? Rating,
    bool? Reached);

public sealed record SlaClockDto(DateTime DueAt, DateTime? MetAt, bool Breached);

public sealed record SlaDto(SlaClockDto Respond, SlaClockDto Reply, SlaClockDto Resolve);

public sealed record CategoryDto(int Id, string Code, string Major, string Minor);

public sealed record UnitDto(int Id, string Name, HandlingTier Tier);

public sealed record ReporterDto(string? Name, string? Phone);

public sealed record HistoryDto(int Version, IncidentAction Action, IncidentStage FromStage, IncidentStage ToStage, HandlingTier Tier, int? HandlingUnitId, string Actor, string? Note, DateTime At);

/// <summary>An incident as the API shows it. The reporter is masked.</summary>
public sealed record IncidentDto(
    long Id,
    string Number,
    string Title,
    string Description,
    SourceChannel Source,
    CategoryDto? Category,
    IncidentPriority Priority,
    IncidentStage Stage,
    HandlingTier Tier,
    UnitDto? HandlingUnit,
    int GridId,
    string? GridCode,
    int CommunityId,
    int StreetId,
    string? Address,
    double? Latitude,
    double? Longitude,
    ReporterDto Reporter,
    DateTime ReportedAt,
    DateTime? ClosedAt,
    SlaDto Sla,
    HandlingTier? ClosedTier,
    int ReworkCount,
    int ExtensionCount,
    int EscalationCount,
    long? DuplicateOfId,
    int Version,
    IReadOnlyList<IncidentAction> AllowedActions,
    IReadOnlyList<HistoryDto>? History,
    IReadOnlyList<string> PhotoUrls)
{
    public static IncidentDto From(IncidentRecord i, IReadOnlyList<IncidentHistoryRecord>? history = null) => new(
        i.Id, i.Number, i.Title, i.Description, i.Source,
        i.Category is { } c ? new CategoryDto(c.Id, c.Code, c.Major, c.Minor) : null,
        i.Priority, i.Stage, i.Tier,
        i.HandlingUnit is { } u ? new UnitDto(u.Id, u.Name, u.Tier) : null,
        i.GridId, i.GridCode, i.CommunityId, i.StreetId, i.Address, i.Latitude, i.Longitude,
        new ReporterDto(i.ReporterName, i.ReporterPhone),
        i.ReportedAt, i.ClosedAt,
        new SlaDto(
            new SlaClockDto(i.RespondDueAt, i.RespondedAt, i.RespondBreached),
            new SlaClockDto(i.ReplyDueAt, i.RepliedAt, i.ReplyBreached),
            new SlaClockDto(i.ResolveDueAt, i.ClosedAt, i.ResolveBreached)),
        i.ClosedTier, i.ReworkCount, i.ExtensionCount, i.EscalationCount, i.DuplicateOfId, i.Version,
        i.AllowedActions,
        history?.OrderBy(h => h.Version).Select(h => new HistoryDto(h.Version, h.Action, h.FromStage, h.ToStage, h.Tier, h.HandlingUnitId, h.ActorName, h.Note, h.At)).ToList(),
        i.PhotoUrls);
}

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
