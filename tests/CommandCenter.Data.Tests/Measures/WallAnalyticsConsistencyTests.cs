using CommandCenter.Data.Analytics;
using CommandCenter.Data.Live;
using CommandCenter.Data.Measures;
using CommandCenter.Data.Providers;
using CommandCenter.Data.Tests.Analytics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Options = Microsoft.Extensions.Options.Options;

namespace CommandCenter.Data.Tests.Measures;

/// <summary>
/// The wall (live state) and the analytics page (rollups) count with one definition of the measures: for random days,
/// today's live KPIs equal the analytics KPIs for today, indicator by indicator, for the district and every street.
/// </summary>
public class WallAnalyticsConsistencyTests
{
    public static TheoryData<DatabaseProvider, int> Cases()
    {
        var cases = new TheoryData<DatabaseProvider, int>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            foreach (var seed in new[] { 3, 29, 2026 })
            {
                cases.Add(provider, seed);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Todays_wall_kpis_equal_the_analytics_kpis_for_today(DatabaseProvider provider, int seed)
    {
        var random = new Random(seed);
        // A random China day; "now" is a random time late in it, so some lifecycle steps are still ahead.
        var today = new DateOnly(2026, 1, 1).AddDays(random.Next(0, 330));
        var (dayStart, dayEnd) = ChinaDay.Bounds(today);
        var now = dayStart.AddHours(12 + random.NextDouble() * 11.9);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            // Reports over the two days before and today: closures, reworks, extensions and breaches fall on either side of midnight.
            await RandomDistrict.CreateAsync(db, seed, dayStart.AddDays(-2), days: 3, incidents: 240 + random.Next(120));
        }
        var measures = new MeasuresOptions { SatisfactionIncludesNeutral = random.Next(2) == 1 };
        var clock = new FakeTimeProvider(now);

        LiveSnapshot live;
        await using (var db = database.CreateContext())
        {
            var state = await LiveStateLoader.LoadAsync(db, now, newestCount: 10, CancellationToken.None);
            live = LiveAggregation.Build(state, 1, now, measures);
        }
        var factory = new TestContextFactory(database);
        await new IncidentRollupBuilder(factory, clock, NullLogger<IncidentRollupBuilder>.Instance).RebuildAsync(today.AddDays(-3), today);
        var reader = new AnalyticsReader(factory, Options.Create(new AnalyticsOptions()), Options.Create(measures));

        var codes = live.Nodes.Values.Where(n => n.Level <= CommandCenter.Data.Hierarchy.HierarchyLevel.Street).Select(n => n.Code).ToList();
        Assert.True(codes.Count >= 3);
        foreach (var code in codes)
        {
            var wall = live.Node(code)!;
            var analytics = await reader.LoadAreaAsync(code, new AnalyticsPeriod(today, today), scope: null);
            Assert.NotNull(analytics);
            var expected = analytics.Kpis with { Composite = null }; // the wall shows no composite
            Assert.Equal(expected, wall.Kpis);
            Assert.Equal((analytics.Counts.Received, analytics.Counts.Filed, analytics.Counts.Dispatched, analytics.Counts.Closed),
                (wall.Today.Received, wall.Today.Filed, wall.Today.Dispatched, wall.Today.Closed));
            Assert.Equal(analytics.Counts.RespondMet + analytics.Counts.RespondMissed, wall.Sla.Respond.Due);
            Assert.Equal(analytics.Counts.Rated, wall.SatisfactionToday.Rated);
            Assert.Equal(analytics.GridsPatrolled, wall.GridsPatrolledToday);
        }

        // The run exercised what it claims to: every indicator had something to count today.
        var district = live.District.Kpis;
        Assert.All(new[] { district.FilingRate, district.ClosureRate, district.OnTimeClosureRate, district.RespondRate, district.Satisfaction, district.PatrolCoverage },
            rate => Assert.NotNull(rate));
    }
}
