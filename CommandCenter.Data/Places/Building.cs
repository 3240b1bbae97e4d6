namespace CommandCenter.Data.Places;

/// <summary>楼栋.</summary>
public class Building
{
    public int Id { get; set; }
    public int GridId { get; set; }
    /// <summary>Grid code + 4-digit sequence.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public int Floors { get; set; }
    public int Units { get; set; }
    public int YearBuilt { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public List<Room> Rooms { get; set; } = [];
}

public enum RoomUse
{
    OwnerOccupied = 0,
    Rental = 1,
    Commercial = 2,
    Vacant = 3,
}

/// <summary>房屋.</summary>
public class Room
{
    public int Id { get; set; }
    public int BuildingId { get; set; }
    public Building? Building { get; set; }
    /// <summary>Denormalised for grouping without joins.</summary>
    public int GridId { get; set; }
    /// <summary>e.g. 2-1-0301 (unit-floor-room).</summary>
    public required string Number { get; set; }
    public int Unit { get; set; }
    public int Floor { get; set; }
    public double AreaSquareMeters { get; set; }
    public RoomUse Use { get; set; }
}
