namespace CommandCenter.Data.Objects;

public enum ComponentState
{
    Normal = 0,
    Damaged = 1,
    Missing = 2,
    UnderRepair = 3,
    Removed = 4,
}

/// <summary>城市部件 (GB/T 30428.2). Code: 6 district + 2 大类 + 2 小类 + 6 serial.</summary>
public class CityComponent
{
    public int Id { get; set; }
    public int GridId { get; set; }
    public required string Code { get; set; }
    public required string MajorCode { get; set; }
    public required string MajorName { get; set; }
    public required string MinorCode { get; set; }
    public required string MinorName { get; set; }
    public ComponentState State { get; set; }
    public required string Owner { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public DateTime? LastInspectedAt { get; set; }
}
