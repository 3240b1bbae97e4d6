using CommandCenter.Data.Incidents;

namespace CommandCenter.Data.Live;

/// <summary>
/// The wall's breakdowns of one node (value equality, like <see cref="NodeMetrics"/>): today's reports by source channel
/// and by category, reports per China-local hour today and yesterday, daily satisfaction over 30 days.
/// </summary>
public sealed record NodeBreakdown(
    string Code,
    ValueList<int> ReceivedBySource,
    ValueList<CategoryReportsToday> TopCategories,
    ValueList<int> HourlyToday,
    ValueList<int> HourlyYesterday,
    ValueList<Satisfaction> SatisfactionByDay)
{
    public const int TopCategoryCount = 8;
    public const int SatisfactionDays = 30;

    public int ReceivedFrom(SourceChannel source) => (int)source < ReceivedBySource.Count ? ReceivedBySource[(int)source] : 0;

    public static NodeBreakdown Zero(string code) => new(
        code,
        new ValueList<int>(new int[Enum.GetValues<SourceChannel>().Length]),
        ValueList<CategoryReportsToday>.Empty,
        new ValueList<int>(new int[24]),
        new ValueList<int>(new int[24]),
        new ValueList<Satisfaction>(Enumerable.Repeat(new Satisfaction(0, 0), SatisfactionDays)));
}

/// <summary>A category's reports today.</summary>
public sealed record CategoryReportsToday(string Code, string Name, int Count);

/// <summary>An overdue open incident (督办): the resolve clock has run out. Nothing personal.</summary>
public sealed record OverdueIncident(
    long Id,
    string Number,
    string Title,
    IncidentStage Stage,
    HandlingTier Tier,
    string? GridCode,
    string? GridName,
    string? StreetName,
    DateTime ReportedAt);

/// <summary>An SOS alarm still raised, placed at its grid.</summary>
public sealed record SosAlarm(long AlertId, int GridId, string? GridCode, string? GridName, string? StreetName);
