namespace CommandCenter.Data.Sos;

public enum SosStatus
{
    Raised = 0,
    Acknowledged = 1,
    Resolved = 2,
    FalseAlarm = 3,
}

/// <summary>一键呼叫: an alarm from a wristband; it becomes a top-priority incident.</summary>
public class SosAlert
{
    public long Id { get; set; }
    public int DeviceId { get; set; }
    public int? ResidentId { get; set; }
    public int GridId { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    /// <summary>When the device raised it.</summary>
    public DateTime RaisedAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public long? IncidentId { get; set; }
    public SosStatus Status { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
}
