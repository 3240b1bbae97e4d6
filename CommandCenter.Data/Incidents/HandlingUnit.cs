namespace CommandCenter.Data.Incidents;

/// <summary>处置单位 / 职能部门: who incidents are dispatched to.</summary>
public class HandlingUnit
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public HandlingTier Tier { get; set; }
    /// <summary>The hierarchy node it serves (a code prefix).</summary>
    public required string AreaCode { get; set; }
    /// <summary>Who to call there: a duty phone or a contact person, as the unit gives it.</summary>
    public string? Contact { get; set; }
    public bool IsActive { get; set; } = true;
}
