namespace CommandCenter.Web.Components.Wall;

/// <summary>ApexCharts options shared by the wall's charts: dark, transparent, no toolbar, large labels, short animations.</summary>
public static class WallCharts
{
    public const string Font = "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"Microsoft YaHei\", sans-serif";
    public static readonly string[] Palette = ["#3d8bfd", "#2ec4b6", "#f6c244", "#ef6f4d", "#a77bf3", "#6bd37a", "#ff9f43", "#8fa3bf"];

    public static object Chart(string type, int height, bool stacked = false) => new Dictionary<string, object?>
    {
        ["type"] = type,
        ["height"] = height,
        ["stacked"] = stacked,
        ["background"] = "transparent",
        ["foreColor"] = "#9fb3cf",
        ["fontFamily"] = Font,
        ["toolbar"] = new { Show = false },
        ["zoom"] = new { Enabled = false },
        ["animations"] = new { Enabled = true, Speed = 400, DynamicAnimation = new { Enabled = true, Speed = 350 } },
        ["parentHeightOffset"] = 0,
        ["redrawOnParentResize"] = true,
    };

    public static object Grid => new { BorderColor = "#1d3250", StrokeDashArray = 3, Padding = new { Left = 6, Right = 6, Top = -10, Bottom = -4 } };

    public static object Theme => new { Mode = "dark" };

    public static object NoDataLabels => new { Enabled = false };

    public static object Tooltip => new { Enabled = false };

    public static object Legend(bool show = true, string position = "top") =>
        new { Show = show, Position = position, FontSize = "15px", Labels = new { Colors = "#c9d6ea" }, Markers = new { Size = 6 } };

    public static object AxisLabels(string? formatter = null) =>
        new { Style = new { FontSize = "14px", Colors = "#9fb3cf" }, Formatter = formatter };
}
