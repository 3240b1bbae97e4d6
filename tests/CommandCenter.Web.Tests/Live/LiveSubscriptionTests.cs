using CommandCenter.Data.Live;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Live;

/// <summary>In-process subscribers (Blazor components) get coalesced updates: few callbacks, the last with the final numbers.</summary>
public sealed class LiveSubscriptionTests(LiveApiFactory factory) : IClassFixture<LiveApiFactory>
{
    [Fact]
    public async Task A_hundred_notices_give_a_few_callbacks_and_the_last_carries_the_final_numbers()
    {
        var feed = factory.Services.GetRequiredService<ILiveFeed>();
        var before = factory.Metrics.Current.District.PatrolsActive;
        var received = new List<LiveSnapshot>();
        using (factory.Metrics.Subscribe(snapshot =>
        {
            lock (received)
            {
                received.Add(snapshot);
            }
            return Task.CompletedTask;
        }))
        {
            for (var i = 0; i < 100; i++)
            {
                await feed.PublishAsync(new ChangeNotice(ChangeKind.PatrolStarted, 900_000 + i, factory.District.Street1Id, null, factory.District.Grid1Id, 1, DateTime.UtcNow));
            }
            await LiveAssert.WaitForAsync(() => { lock (received) { return received.LastOrDefault(); } },
                s => s?.District.PatrolsActive == before + 100, 5_000);
            await Task.Delay(600); // nothing more may arrive once the burst is delivered
        }

        lock (received)
        {
            Assert.InRange(received.Count, 1, 3);
            Assert.Equal(before + 100, received[^1].District.PatrolsActive);
            Assert.Equal(before + 100, received[^1].Node(ApiDistrict.Grid1Code)!.PatrolsActive);
        }
    }

    [Fact]
    public async Task Updates_are_at_least_an_interval_apart_and_stop_after_dispose()
    {
        var feed = factory.Services.GetRequiredService<ILiveFeed>();
        var times = new List<DateTime>();
        var subscription = factory.Metrics.Subscribe(_ =>
        {
            lock (times)
            {
                times.Add(DateTime.UtcNow);
            }
            return Task.CompletedTask;
        });
        // A steady stream for ~1.2 s (longer on a busy machine): at most 4 updates per second (+1 for the leading edge).
        var started = DateTime.UtcNow;
        for (var i = 0; i < 60; i++)
        {
            await feed.PublishAsync(new ChangeNotice(ChangeKind.PatrolStarted, 800_000 + i, null, null, factory.District.Grid2Id, 1, DateTime.UtcNow));
            await Task.Delay(20);
        }
        await Task.Delay(400);
        subscription.Dispose();
        var allowed = (int)((DateTime.UtcNow - started) / TimeSpan.FromMilliseconds(250)) + 2;
        int count;
        lock (times)
        {
            count = times.Count;
            Assert.InRange(count, 2, allowed);
            for (var i = 1; i < times.Count; i++)
            {
                Assert.True(times[i] - times[i - 1] >= TimeSpan.FromMilliseconds(200), $"Updates {i - 1} and {i} were {(times[i] - times[i - 1]).TotalMilliseconds} ms apart.");
            }
        }

        await feed.PublishAsync(new ChangeNotice(ChangeKind.PatrolEnded, 800_000, null, null, factory.District.Grid2Id, 1, DateTime.UtcNow));
        await Task.Delay(400);
        lock (times)
        {
            Assert.Equal(count, times.Count);
        }
    }
}
