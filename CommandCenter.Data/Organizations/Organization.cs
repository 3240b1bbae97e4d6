namespace CommandCenter.Data.Organizations;

public enum OrganizationKind
{
    PartyOrganization = 0,
    /// <summary>非公企业.</summary>
    Enterprise = 1,
    SocialOrganization = 2,
    /// <summary>物业公司.</summary>
    PropertyCompany = 3,
    /// <summary>业主委员会.</summary>
    OwnersCommittee = 4,
    VolunteerTeam = 5,
    EmergencyTeam = 6,
}

/// <summary>The tiers of the party organisation, mirroring the hierarchy.</summary>
public enum PartyTier
{
    /// <summary>街道党工委.</summary>
    StreetWorkingCommittee = 0,
    /// <summary>社区党组织.</summary>
    CommunityOrganization = 1,
    /// <summary>网格党支部.</summary>
    GridBranch = 2,
    /// <summary>楼栋党小组.</summary>
    BuildingGroup = 3,
    /// <summary>党员中心户.</summary>
    MemberHousehold = 4,
}

public class Organization
{
    public int Id { get; set; }
    public OrganizationKind Kind { get; set; }
    /// <summary>Set for party organisations only.</summary>
    public PartyTier? PartyTier { get; set; }
    public int? ParentId { get; set; }
    public Organization? Parent { get; set; }
    public required string Name { get; set; }
    /// <summary>The hierarchy node it belongs to (district, street, community or grid code).</summary>
    public required string AreaCode { get; set; }
    public int? GridId { get; set; }
    public int? BuildingId { get; set; }
    /// <summary>统一社会信用代码 for enterprises and registered organisations.</summary>
    public string? CreditCode { get; set; }
    public string? Industry { get; set; }
    public int MemberCount { get; set; }
    public DateOnly FoundedOn { get; set; }
    public List<OrganizationMembership> Memberships { get; set; } = [];
}

public enum MembershipRole
{
    Member = 0,
    Leader = 1,
    DeputyLeader = 2,
    Volunteer = 3,
}

public class OrganizationMembership
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int ResidentId { get; set; }
    public MembershipRole Role { get; set; }
    public DateOnly JoinedOn { get; set; }
}
