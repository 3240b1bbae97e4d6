using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Data.Providers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Live;

public class LiveFeedPublishingTests
{
    [Fact]
    public async Task Commits_publish_notices_with_kind_path_version_and_previous_stage()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        int gridId;
        await using (var db = database.CreateContext())
        {
            var grid = await SampleData.AddGridAsync(db);
            gridId = grid.Id;
            db.IncidentCategories.Add(new IncidentCategory { Code = "E0101", Kind = CategoryKind.Event, MajorCode = "01", MajorName = "市容环境", MinorCode = "01", MinorName = "暴露垃圾" });
            db.HandlingUnits.Add(new HandlingUnit { Name = "第一网格", Tier = HandlingTier.Grid, AreaCode = grid.Code });
            await db.SaveChangesAsync();
        }
        var factory = new TestContextFactory(database);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero));
        var feed = new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance);
        var received = new List<ChangeNotice>();
        using var subscription = feed.Subscribe(n => { lock (received) { received.Add(n); } return ValueTask.CompletedTask; });
        using var locator = new GridLocator(factory);
        var intake = new IncidentIntakeService(factory, locator, Options.Create(new SlaOptions()), clock, feed);
        var transitions = new IncidentTransitionService(factory, clock, feed);
        var watcher = new SlaWatcher(factory, transitions, Options.Create(new SlaWatchOptions { Escalation = [] }), clock, NullLogger<SlaWatcher>.Instance, feed);

        var created = await intake.ReportAsync(new IncidentReport { Title = "垃圾 13812345678", CategoryCode = "E0101", GridId = gridId, Source = SourceChannel.GridWorker }, new(null, "网格员"), null);
        await transitions.ApplyAsync(created.Incident!.Id, new(IncidentAction.File, 1), new("u", "值班员"), null);
        clock.Advance(TimeSpan.FromMinutes(16));
        await watcher.RunAsync();
        await watcher.RunAsync(); // nothing new the second time

        Assert.Equal([ChangeKind.IncidentCreated, ChangeKind.IncidentChanged, ChangeKind.SlaBreached], received.Select(n => n.Kind));
        Assert.All(received, n =>
        {
            Assert.Equal(created.Incident.Id, n.EntityId);
            Assert.Equal(gridId, n.GridId);
            Assert.NotNull(n.StreetId);
            Assert.NotNull(n.CommunityId);
        });
        Assert.All(received, n => Assert.Equal("垃圾 138****5678", n.Incident!.Title)); // notices cross Redis and reach the hub
        Assert.Equal(IncidentStage.Reported, received[1].Incident!.PreviousStage);
        Assert.Equal(IncidentStage.Filed, received[1].Incident!.Stage);
        Assert.Equal(2, received[1].Version);
        Assert.Equal(SlaClock.Respond, received[2].Clock);
        Assert.True(received[2].Incident!.RespondBreached);

        subscription.Dispose();
        await transitions.ApplyAsync(created.Incident.Id, new(IncidentAction.Reject, 2, Note: "重复"), new("u", "值班员"), null);
        Assert.Equal(3, received.Count);
    }
}
