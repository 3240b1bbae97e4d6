using CommandCenter.Data.Incidents;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using CommandCenter.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Live;

/// <summary>"Today" is the China-local day from the injected TimeProvider: at 00:00 (UTC+8) today's counters start again.</summary>
public sealed class LiveMetricsDayBoundaryTests(FakeClockLiveFactory factory) : IClassFixture<FakeClockLiveFactory>
{
    [Fact]
    public async Task At_china_midnight_todays_counts_start_again_and_open_incidents_stay()
    {
        var intake = factory.Services.GetRequiredService<IncidentIntakeService>();
        for (var i = 0; i < 2; i++)
        {
            Assert.True((await intake.ReportAsync(new IncidentReport
            {
                Title = "跨日事件", CategoryCode = ApiDistrict.EventCategory, GridCode = ApiDistrict.Grid1Code,
            }, new IncidentActor(null, "测试"), scopeCode: null)).Succeeded);
        }
        var before = factory.Metrics.Current;
        Assert.Equal(2, before.District.Today.Received);
        Assert.Equal(2, before.District.Open);

        // 10:00 China time on 10 March → 00:01 on 11 March.
        factory.Time.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(1));

        var after = await LiveAssert.WaitForAsync(() => factory.Metrics.Current, s => s.Day == before.Day.AddDays(1));
        Assert.Equal(new TodayCounts(0, 0, 0, 0), after.District.Today);
        Assert.Equal(2, after.District.Open);
        LiveAssert.AssertSame(await factory.Metrics.LoadSnapshotAsync(), after);
    }
}
