using CommandCenter.Data.Live;
using CommandCenter.Jobs.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Jobs.Tests.Live;

public sealed class LiveMetricsResyncJobTests
{
    [Fact]
    public async Task Publishes_one_resync_notice()
    {
        var feed = new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance);
        var received = new List<ChangeNotice>();
        using var subscription = feed.Subscribe(n => { received.Add(n); return ValueTask.CompletedTask; });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

        await new LiveMetricsResyncJob(feed, time).RunAsync(CancellationToken.None);

        var notice = Assert.Single(received);
        Assert.Equal(ChangeKind.Resync, notice.Kind);
        Assert.Equal(time.GetUtcNow().UtcDateTime, notice.At);
    }
}
