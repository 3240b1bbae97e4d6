using CommandCenter.Data.Hierarchy;

namespace CommandCenter.Data.Analytics;

/// <summary>
/// 人、地、物、组织 of one hierarchy node (district, street, community or grid) as they stood on one China day.
/// Written by <see cref="NodeSnapshotBuilder"/>, which replaces a day's rows as a whole.
/// </summary>
public class NodeSnapshot
{
    public DateOnly Day { get; set; }
    public required string NodeCode { get; set; }
    public HierarchyLevel Level { get; set; }

    // 人 people: by type and key group.
    public int Residents { get; set; }
    public int Registered { get; set; }
    public int Migrant { get; set; }
    public int Foreign { get; set; }
    public int Aged60Plus { get; set; }
    public int LivingAlone { get; set; }
    public int Children { get; set; }
    public int Disabled { get; set; }
    public int LeftBehind { get; set; }
    public int SpecialCare { get; set; }
    public int PartyMembers { get; set; }
    public int Households { get; set; }
    public int GridWorkers { get; set; }

    // 地 places.
    public int Buildings { get; set; }
    public int Rooms { get; set; }
    public int RentalRooms { get; set; }
    public int VacantRooms { get; set; }
    public int Places { get; set; }
    public int KeyPlaces { get; set; }
    public int Schools { get; set; }

    // 物 objects.
    public int Components { get; set; }
    /// <summary>Damaged or missing components.</summary>
    public int ComponentsFaulty { get; set; }
    public int Devices { get; set; }
    public int DevicesOnline { get; set; }
    public int SosWristbands { get; set; }

    // 组织 organisations (an organisation counts in every node whose code prefixes its area code).
    public int Organizations { get; set; }
    public int PartyOrganizations { get; set; }
    public int Enterprises { get; set; }
    public int SocialOrganizations { get; set; }
    public int PropertyCompanies { get; set; }
    public int OwnersCommittees { get; set; }
    public int VolunteerTeams { get; set; }
    public int EmergencyTeams { get; set; }
    public int OrganizationMembers { get; set; }
}
