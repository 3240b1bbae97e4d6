namespace CommandCenter.Data.Patrols;

/// <summary>巡查: a grid worker's walk through a grid.</summary>
public class Patrol
{
    public long Id { get; set; }
    public int GridWorkerId { get; set; }
    public int GridId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int CheckInCount { get; set; }
    public double DistanceMeters { get; set; }
    public List<PatrolCheckIn> CheckIns { get; set; } = [];
}

public class PatrolCheckIn
{
    public long Id { get; set; }
    public long PatrolId { get; set; }
    public Patrol? Patrol { get; set; }
    public int GridId { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public DateTime At { get; set; }
    public string? Note { get; set; }
    /// <summary>A reference to a photo stored elsewhere.</summary>
    public string? PhotoRef { get; set; }
}
