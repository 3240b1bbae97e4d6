namespace CommandCenter.Data.Incidents;

/// <summary>事件 (工单/案件): one report through its lifecycle.</summary>
public class Incident
{
    public long Id { get; set; }
    /// <summary>Human-facing number: yyyyMMdd + 6-digit sequence.</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public SourceChannel Source { get; set; }
    public int CategoryId { get; set; }
    public IncidentCategory? Category { get; set; }
    public IncidentPriority Priority { get; set; }

    // Where. Street and community are denormalised from the grid for grouping without joins.
    public int GridId { get; set; }
    public int CommunityId { get; set; }
    public int StreetId { get; set; }
    public int? PlaceId { get; set; }
    public string? Address { get; set; }
    /// <summary>
    /// References to photos of the scene kept by the reporting terminal's media store (http(s) URLs or app paths),
    /// one per line; see <see cref="IncidentPhotos"/>.
    /// </summary>
    public string? PhotoUrls { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    // Who reported. Personal data: mask before it leaves the server.
    public string? ReporterName { get; set; }
    public string? ReporterPhone { get; set; }
    public int? ReporterGridWorkerId { get; set; }

    // Where it is in the lifecycle.
    public IncidentStage Stage { get; set; }
    public HandlingTier Tier { get; set; }
    public int? HandlingUnitId { get; set; }
    public HandlingUnit? HandlingUnit { get; set; }
    /// <summary>The original incident when this one was rejected as a duplicate.</summary>
    public long? DuplicateOfId { get; set; }

    // When (UTC).
    public DateTime ReportedAt { get; set; }
    public DateTime? FiledAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
    /// <summary>First response: accepted by the handling unit.</summary>
    public DateTime? RespondedAt { get; set; }
    /// <summary>First reply to the reporter.</summary>
    public DateTime? RepliedAt { get; set; }
    public DateTime? FeedbackAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? EvaluatedAt { get; set; }
    public DateTime? RejectedAt { get; set; }

    // The three SLA clocks, running from the report time.
    public DateTime RespondDueAt { get; set; }
    public DateTime ReplyDueAt { get; set; }
    public DateTime ResolveDueAt { get; set; }
    public bool RespondBreached { get; set; }
    public bool ReplyBreached { get; set; }
    public bool ResolveBreached { get; set; }

    /// <summary>The tier at which it was closed (小事不出网格).</summary>
    public HandlingTier? ClosedTier { get; set; }
    public int ReworkCount { get; set; }
    public int ExtensionCount { get; set; }
    public int EscalationCount { get; set; }

    /// <summary>Optimistic concurrency: bumped by every transition.</summary>
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<IncidentHistory> History { get; set; } = [];

    public bool IsOpen => Stage is not (IncidentStage.Closed or IncidentStage.Evaluated or IncidentStage.Rejected);
}
