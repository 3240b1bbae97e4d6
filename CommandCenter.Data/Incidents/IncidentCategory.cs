namespace CommandCenter.Data.Incidents;

public enum CategoryKind
{
    /// <summary>部件问题.</summary>
    Component = 0,
    /// <summary>事件问题.</summary>
    Event = 1,
    /// <summary>社会治理扩展 (GB/T 31000 "X").</summary>
    Governance = 2,
}

/// <summary>部件/事件 大类/小类. Data, not code: seeded and editable.</summary>
public class IncidentCategory
{
    public int Id { get; set; }
    /// <summary>4 digits: 大类 + 小类, unique within the kind; prefixed by the kind letter (C/E/G) to be unique overall.</summary>
    public required string Code { get; set; }
    public CategoryKind Kind { get; set; }
    public required string MajorCode { get; set; }
    public required string MajorName { get; set; }
    public required string MinorCode { get; set; }
    public required string MinorName { get; set; }
    /// <summary>Overrides of the SLA clocks in minutes; null uses the configured default.</summary>
    public int? RespondMinutes { get; set; }
    public int? ReplyMinutes { get; set; }
    public int? ResolveMinutes { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
}
