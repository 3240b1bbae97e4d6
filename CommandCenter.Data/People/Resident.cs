namespace CommandCenter.Data.People;

/// <summary>实有人口的类型.</summary>
public enum ResidentType
{
    /// <summary>户籍人口.</summary>
    Registered = 0,
    /// <summary>流动人口.</summary>
    Migrant = 1,
    /// <summary>境外人员.</summary>
    Foreign = 2,
}

public enum Gender
{
    Female = 0,
    Male = 1,
}

/// <summary>Key groups (一老一小一特); a resident may belong to several.</summary>
[Flags]
public enum KeyGroups
{
    None = 0,
    /// <summary>60 岁以上老人.</summary>
    Aged60Plus = 1,
    /// <summary>独居 / 空巢.</summary>
    LivingAlone = 2,
    /// <summary>未成年人.</summary>
    Child = 4,
    /// <summary>残疾人.</summary>
    Disabled = 8,
    /// <summary>留守.</summary>
    LeftBehind = 16,
    /// <summary>特殊关爱 (社区矫正、低保等).</summary>
    SpecialCare = 32,
}

/// <summary>居民. Name, ID number and phone are personal data: mask them before they leave the server.</summary>
public class Resident
{
    public int Id { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    /// <summary>Denormalised for grouping without joins.</summary>
    public int GridId { get; set; }
    public required string Name { get; set; }
    /// <summary>18-character GB 11643 citizen ID (or passport number for foreigners).</summary>
    public required string IdNumber { get; set; }
    /// <summary>Keyed hash of the ID number, for search without comparing plain text.</summary>
    public required string IdNumberHash { get; set; }
    public string? Phone { get; set; }
    public Gender Gender { get; set; }
    public DateOnly BirthDate { get; set; }
    public ResidentType Type { get; set; }
    public KeyGroups KeyGroups { get; set; }
    public bool IsPartyMember { get; set; }
    public bool IsHouseholdHead { get; set; }
}
