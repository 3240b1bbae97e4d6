namespace CommandCenter.Data.Objects;

public enum DeviceKind
{
    /// <summary>智能手环 with one-key SOS.</summary>
    SosWristband = 0,
    Camera = 1,
    SmokeSensor = 2,
    WaterLevelSensor = 3,
    DoorSensor = 4,
}

public enum DeviceStatus
{
    Online = 0,
    Offline = 1,
    Faulty = 2,
    Retired = 3,
}

/// <summary>IoT device; a wristband is bound to the resident who wears it.</summary>
public class Device
{
    public int Id { get; set; }
    public required string SerialNumber { get; set; }
    public DeviceKind Kind { get; set; }
    public DeviceStatus Status { get; set; }
    public int GridId { get; set; }
    public int? ResidentId { get; set; }
    public People.Resident? Resident { get; set; }
    public DateTime? LastSeenAt { get; set; }
    /// <summary>Created by an SOS alarm from an unknown serial, not registered by anyone (its alarms stay limited per key).</summary>
    public bool IsUnregistered { get; set; }
}
