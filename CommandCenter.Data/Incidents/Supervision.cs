namespace CommandCenter.Data.Incidents;

/// <summary>督办: an overdue incident followed up by the command centre.</summary>
public class Supervision
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public SlaClock Clock { get; set; }
    public int? HandlingUnitId { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastRemindedAt { get; set; }
    public int ReminderCount { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
