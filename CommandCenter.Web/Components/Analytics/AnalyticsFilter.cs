using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Analytics;
using CommandCenter.Data.Identity;

namespace CommandCenter.Web.Components.Analytics;

/// <summary>Who may use the analytics page and its exports.</summary>
public static class AnalyticsRoles
{
    public const string AllowedList = Roles.Admin + "," + Roles.Leader + "," + Roles.Analyst;
}

/// <summary>The tabs: 人、事、地、物、情、组织.</summary>
public static class AnalyticsTabs
{
    public const string People = "people";
    public const string Events = "events";
    public const string Places = "places";
    public const string Objects = "objects";
    public const string Sentiment = "sentiment";
    public const string Organizations = "organizations";

    public static readonly IReadOnlyList<string> All = [People, Events, Places, Objects, Sentiment, Organizations];

    public static string Normalize(string? tab) => tab is not null && All.Contains(tab) ? tab : Events;
}

/// <summary>
/// The page's and the exports' filters, as query parameters: node (a drill-down code), period (today, 7d, 30d, month
/// or custom with from/to as yyyy-MM-dd) and tab. One parser, so an export shows exactly what the page showed.
/// </summary>
public sealed record AnalyticsFilter(string? Node, string Period, DateOnly? From, DateOnly? To, string Tab)
{
    public const string Today = "today";
    public const string SevenDays = "7d";
    public const string ThirtyDays = "30d";
    public const string Month = "month";
    public const string Custom = "custom";
    public static readonly IReadOnlyList<string> Periods = [Today, SevenDays, ThirtyDays, Month, Custom];
    private const string DateFormat = "yyyy-MM-dd";

    public static AnalyticsFilter Parse(string? node, string? period, string? from, string? to, string? tab) => new(
        string.IsNullOrWhiteSpace(node) ? null : node.Trim(),
        period is not null && Periods.Contains(period) ? period : SevenDays,
        ParseDate(from),
        ParseDate(to),
        AnalyticsTabs.Normalize(tab));

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The China days the filter covers, or null for an invalid custom range.</summary>
    public AnalyticsPeriod? Resolve(DateTime utcNow, int maxDays)
    {
        var today = ChinaDay.Of(utcNow);
        var period = Period switch
        {
            Today => new AnalyticsPeriod(today, today),
            ThirtyDays => new AnalyticsPeriod(today.AddDays(-29), today),
            Month => new AnalyticsPeriod(new DateOnly(today.Year, today.Month, 1), today),
            Custom when From is { } f && To is { } t => new AnalyticsPeriod(f, t),
            Custom => null,
            _ => new AnalyticsPeriod(today.AddDays(-6), today),
        };
        return period is null || period.Days < 1 || period.Days > maxDays ? null : period;
    }

    /// <summary>The query string of this filter (leading '?'), with any part replaced.</summary>
    public string ToQuery(string? node = null, string? period = null, string? tab = null, DateOnly? from = null, DateOnly? to = null)
    {
        var parts = new List<string>();
        var n = node ?? Node;
        if (!string.IsNullOrEmpty(n))
        {
            parts.Add("node=" + Uri.EscapeDataString(n));
        }
        var p = period ?? Period;
        parts.Add("period=" + p);
        if (p == Custom && (from ?? From) is { } f && (to ?? To) is { } t)
        {
            parts.Add("from=" + f.ToString(DateFormat, CultureInfo.InvariantCulture));
            parts.Add("to=" + t.ToString(DateFormat, CultureInfo.InvariantCulture));
        }
        parts.Add("tab=" + (tab ?? Tab));
        return "?" + string.Join("&", parts);
    }
}
