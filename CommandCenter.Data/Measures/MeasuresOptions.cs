namespace CommandCenter.Data.Measures;

/// <summary>The "Measures" configuration section: local policy shared by every screen that shows an indicator.</summary>
public sealed class MeasuresOptions
{
    public const string SectionName = "Measures";

    /// <summary>Count 基本满意 as satisfied (domain.md §7: configurable; off by default: 非常满意 + 满意 only).</summary>
    public bool SatisfactionIncludesNeutral { get; set; }
}
