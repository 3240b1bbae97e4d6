namespace CommandCenter.Data.People;

/// <summary>网格员: one full-time worker per grid who patrols and reports.</summary>
public class GridWorker
{
    public int Id { get; set; }
    public int GridId { get; set; }
    public Hierarchy.Grid? Grid { get; set; }
    public required string Name { get; set; }
    public required string Phone { get; set; }
    public required string EmployeeNumber { get; set; }
    public bool IsPartyMember { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>The sign-in account of the worker's mobile terminal, when one exists.</summary>
    public string? UserId { get; set; }
}

public enum StaffRole
{
    /// <summary>网格助理员 / 兼职网格员.</summary>
    GridAssistant = 0,
    /// <summary>社区工作者.</summary>
    CommunityWorker = 1,
    /// <summary>社区书记.</summary>
    CommunitySecretary = 2,
    /// <summary>街道干部.</summary>
    StreetOfficer = 3,
    /// <summary>职能部门人员.</summary>
    DepartmentOfficer = 4,
    /// <summary>指挥中心值班员.</summary>
    DutyOfficer = 5,
}

/// <summary>Other staff working in the hierarchy.</summary>
public class StaffMember
{
    public int Id { get; set; }
    public StaffRole Role { get; set; }
    public required string Name { get; set; }
    public required string Phone { get; set; }
    /// <summary>The hierarchy node the member works for (a code prefix).</summary>
    public required string AreaCode { get; set; }
    public int? HandlingUnitId { get; set; }
    /// <summary>The sign-in account of the member, when one exists.</summary>
    public string? UserId { get; set; }
}
