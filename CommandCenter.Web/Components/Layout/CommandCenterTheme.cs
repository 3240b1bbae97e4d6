using MudBlazor;

namespace CommandCenter.Web.Components.Layout;

/// <summary>The dark theme, with a local/system CJK font stack (no web fonts: the network is often offline).</summary>
public static class CommandCenterTheme
{
    public static readonly string[] FontStack =
        ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "sans-serif"];

    public static MudTheme Theme { get; } = Create();

    private static MudTheme Create()
    {
        var theme = new MudTheme
        {
            PaletteDark = new PaletteDark
            {
                Primary = "#3d8bfd",
                Secondary = "#20c997",
                Tertiary = "#ffb020",
                Background = "#0b1422",
                Surface = "#111d30",
                AppbarBackground = "#0e1a2c",
                AppbarText = "#e6edf7",
                DrawerBackground = "#0e1a2c",
                DrawerText = "#c6d2e3",
                DrawerIcon = "#8fb4ff",
                TextPrimary = "#e6edf7",
                TextSecondary = "#9fb0c8",
                LinesDefault = "#22324a",
                Divider = "#22324a",
            },
        };
        var t = theme.Typography;
        foreach (var typography in new BaseTypography[]
                 {
                     t.Default, t.H1, t.H2, t.H3, t.H4, t.H5, t.H6, t.Subtitle1, t.Subtitle2,
                     t.Body1, t.Body2, t.Button, t.Caption, t.Overline,
                 })
        {
            typography.FontFamily = FontStack;
        }
        return theme;
    }
}
