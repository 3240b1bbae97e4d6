namespace CommandCenter.Data.Places;

public enum PlaceKind
{
    KeyPlace = 0,
    School = 1,
    RentalHousing = 2,
    Hospital = 3,
    Market = 4,
    Kindergarten = 5,
    ElderlyCare = 6,
    PublicSquare = 7,
    Station = 8,
}

/// <summary>场所: key places, schools, rental housing and the like.</summary>
public class Place
{
    public int Id { get; set; }
    public int GridId { get; set; }
    public PlaceKind Kind { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    /// <summary>A key place (重点场所) gets extra inspection.</summary>
    public bool IsKeyPlace { get; set; }
}
