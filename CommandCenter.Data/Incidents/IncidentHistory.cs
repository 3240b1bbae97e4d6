namespace CommandCenter.Data.Incidents;

/// <summary>One transition of an incident: the audit trail and the timeline.</summary>
public class IncidentHistory
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public Incident? Incident { get; set; }
    /// <summary>The incident's version after this transition.</summary>
    public int Version { get; set; }
    public IncidentAction Action { get; set; }
    public IncidentStage FromStage { get; set; }
    public IncidentStage ToStage { get; set; }
    public HandlingTier Tier { get; set; }
    public int? HandlingUnitId { get; set; }
    public string? ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Note { get; set; }
    public DateTime At { get; set; }
}
