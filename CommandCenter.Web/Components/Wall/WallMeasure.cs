namespace CommandCenter.Web.Components.Wall;

/// <summary>The live measure that colours the map's grids (URL: <c>measure=open|overdue|coverage</c>).</summary>
public enum WallMeasure
{
    OpenIncidents = 0,
    Overdue = 1,
    PatrolCoverage = 2,
}

public static class WallMeasureNames
{
    public static string ToQuery(this WallMeasure measure) => measure switch
    {
        WallMeasure.Overdue => "overdue",
        WallMeasure.PatrolCoverage => "coverage",
        _ => "open",
    };

    public static WallMeasure Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "overdue" => WallMeasure.Overdue,
        "coverage" or "patrol" => WallMeasure.PatrolCoverage,
        _ => WallMeasure.OpenIncidents,
    };
}
