using System.Globalization;

namespace CommandCenter.Web.Components.Wall;

/// <summary>How the wall writes numbers: thousands separators, one-decimal percentages, a dash when there is nothing to divide.</summary>
public static class WallFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) : "—";

    /// <summary>A rate as a number for charts (percent, one decimal), null when undefined.</summary>
    public static double? PercentValue(double? rate) => rate is { } r ? Math.Round(r * 100, 1) : null;

    public static double? Rate(long part, long whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>China-local clock time of a UTC timestamp.</summary>
    public static string ChinaTime(DateTime utc) => (utc + CommandCenter.Data.ChinaDay.Offset).ToString("HH:mm", CultureInfo.InvariantCulture);
}
