namespace CommandCenter.Data.Sos;

public enum SosStatus
{
    Raised = 0,
    Acknowledged = 1,
    Resolved = 2,
    FalseAlarm = 3,
}

/// <summary>
/// 一键呼叫: an alarm from a wristband; it becomes a top-priority incident. One device has at most one Raised alarm:
/// pressing again while it rings adds to it (<see cref="AlarmCount"/>, the latest position and times).
/// </summary>
public class SosAlert
{
    public long Id { get; set; }
    public int DeviceId { get; set; }
    public int? ResidentId { get; set; }
    public int GridId { get; set; }
    /// <summary>The latest position the device sent (or its grid's centre).</summary>
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    /// <summary>When the device raised it (the first press).</summary>
    public DateTime RaisedAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>Presses received while the alarm was raised, the first included.</summary>
    public int AlarmCount { get; set; } = 1;
    /// <summary>The device time of the latest press, and when it arrived (null until a second press).</summary>
    public DateTime? LastRaisedAt { get; set; }
    public DateTime? LastReceivedAt { get; set; }
    /// <summary>The serial was not a registered device when the alarm came (the console marks it 未登记设备).</summary>
    public bool IsUnregisteredDevice { get; set; }
    public long? IncidentId { get; set; }
    public SosStatus Status { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
}
