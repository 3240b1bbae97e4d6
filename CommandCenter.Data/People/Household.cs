namespace CommandCenter.Data.People;

/// <summary>户.</summary>
public class Household
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public Places.Room? Room { get; set; }
    /// <summary>Denormalised for grouping without joins.</summary>
    public int GridId { get; set; }
    public int BuildingId { get; set; }
    public required string Number { get; set; }
    public int MemberCount { get; set; }
    /// <summary>党员中心户.</summary>
    public bool IsPartyMemberCentre { get; set; }
    public List<Resident> Residents { get; set; } = [];
}
