namespace CommandCenter.Data;

/// <summary>China Standard Time (UTC+8, no daylight saving): the local day that "today" means, and local clock times.</summary>
public static class ChinaDay
{
    /// <summary>The offset in whole hours, for queries that shift a column in SQL (<c>AddHours(ChinaDay.OffsetHours)</c>).</summary>
    public const int OffsetHours = 8;

    public static readonly TimeSpan Offset = TimeSpan.FromHours(OffsetHours);

    public static DateTime Local(DateTime utc) => utc + Offset;

    public static DateOnly Of(DateTime utc) => DateOnly.FromDateTime(utc + Offset);

    /// <summary>The day's start and end in UTC: [start, end).</summary>
    public static (DateTime Start, DateTime End) Bounds(DateOnly day)
    {
        var start = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);
        return (start, start.AddDays(1));
    }
}
