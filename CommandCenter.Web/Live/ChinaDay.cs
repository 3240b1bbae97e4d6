namespace CommandCenter.Web.Live;

/// <summary>The China local day (UTC+8, no daylight saving) that "today" means on the wall.</summary>
public static class ChinaDay
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Of(DateTime utc) => DateOnly.FromDateTime(utc + Offset);

    /// <summary>The day's start and end in UTC: [start, end).</summary>
    public static (DateTime Start, DateTime End) Bounds(DateOnly day)
    {
        var start = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);
        return (start, start.AddDays(1));
    }
}
