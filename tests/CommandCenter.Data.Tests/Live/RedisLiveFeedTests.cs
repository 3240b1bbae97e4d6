using System.Collections.Concurrent;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CommandCenter.Data.Tests.Live;

/// <summary>
/// Two feeds on one real Redis server stand for two nodes. Redis comes from COMMANDCENTER_TEST_REDIS
/// (default 127.0.0.1:6379; CI starts it): when it is unreachable these tests fail, they do not skip.
/// </summary>
public sealed class RedisLiveFeedTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _channel = "commandcenter-test:" + Guid.NewGuid().ToString("N") + ":live";
    private ConnectionMultiplexer _nodeA = null!;
    private ConnectionMultiplexer _nodeB = null!;

    public static string Endpoint => Environment.GetEnvironmentVariable("COMMANDCENTER_TEST_REDIS") is { Length: > 0 } value ? value : "127.0.0.1:6379";

    public async Task InitializeAsync()
    {
        _nodeA = await ConnectAsync("node-a");
        _nodeB = await ConnectAsync("node-b");
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    /// <summary>Connects to the test Redis, failing with a message that says how to start it.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(string clientName)
    {
        var options = ConfigurationOptions.Parse(Endpoint);
        options.ClientName = clientName;
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 3000;
        var redis = await ConnectionMultiplexer.ConnectAsync(options);
        if (!redis.IsConnected)
        {
            await redis.DisposeAsync();
            Assert.Fail($"Redis is not reachable at {Endpoint} (COMMANDCENTER_TEST_REDIS). Start it with .ci/services.sh " +
                "or `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no`.");
        }
        return redis;
    }

    [Fact]
    public async Task A_notice_published_on_one_node_reaches_every_node_exactly_once_with_all_fields()
    {
        using var feedA = new RedisLiveFeed(_nodeA, _channel, NullLogger<RedisLiveFeed>.Instance);
        using var feedB = new RedisLiveFeed(_nodeB, _channel, NullLogger<RedisLiveFeed>.Instance);
        var onA = new ConcurrentQueue<ChangeNotice>();
        var onB = new ConcurrentQueue<ChangeNotice>();
        using var subA = feedA.Subscribe(n => { onA.Enqueue(n); return ValueTask.CompletedTask; });
        using var subB = feedB.Subscribe(n => { onB.Enqueue(n); return ValueTask.CompletedTask; });

        var incident = new ChangeNotice(ChangeKind.IncidentChanged, 9_000_000_001, 11, 22, 33, 7, new DateTime(2026, 11, 22, 2, 3, 4, 567, DateTimeKind.Utc))
        {
            Incident = new IncidentFacts(IncidentStage.Closed, IncidentStage.Feedback, HandlingTier.Community, SourceChannel.Hotline12345, 42,
                IncidentPriority.High, true, false, true, HandlingTier.Community, "20261122000123", "井盖缺失（人民路 12 号）",
                new DateTime(2026, 11, 21, 23, 59, 0, DateTimeKind.Utc)),
        };
        var breach = new ChangeNotice(ChangeKind.SlaBreached, 5, 1, 2, 3, 4, new DateTime(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc)) { Clock = SlaClock.Reply };
        var rating = new ChangeNotice(ChangeKind.RatingAdded, 6, null, null, null, 1, new DateTime(2026, 11, 22, 4, 0, 0, DateTimeKind.Utc)) { RatingLevel = 5 };

        await feedA.PublishAsync(incident);
        await feedA.PublishAsync(breach);
        await feedB.PublishAsync(rating);

        await WaitForAsync(() => onA.Count >= 3 && onB.Count >= 3);
        await Task.Delay(300); // any duplicate would have arrived by now
        foreach (var received in new[] { onA.ToArray(), onB.ToArray() })
        {
            Assert.Equal(3, received.Length);
            var gotIncident = Assert.Single(received, n => n.Kind == ChangeKind.IncidentChanged);
            Assert.Equal(incident, gotIncident with { Incident = incident.Incident });
            Assert.Equal(incident.Incident, gotIncident.Incident);
            Assert.Equal(DateTimeKind.Utc, gotIncident.At.Kind);
            Assert.Equal(DateTimeKind.Utc, gotIncident.Incident!.ReportedAt.Kind);
            Assert.Equal(breach, Assert.Single(received, n => n.Kind == ChangeKind.SlaBreached));
            Assert.Equal(rating, Assert.Single(received, n => n.Kind == ChangeKind.RatingAdded));
            // One publisher's notices keep their order.
            Assert.True(Array.FindIndex(received, n => n.Kind == ChangeKind.IncidentChanged) < Array.FindIndex(received, n => n.Kind == ChangeKind.SlaBreached));
        }
    }

    [Fact]
    public async Task Several_handlers_on_a_node_each_get_a_notice_once_and_a_disposed_subscription_gets_no_more()
    {
        using var feedA = new RedisLiveFeed(_nodeA, _channel, NullLogger<RedisLiveFeed>.Instance);
        using var feedB = new RedisLiveFeed(_nodeB, _channel, NullLogger<RedisLiveFeed>.Instance);
        var first = new ConcurrentQueue<ChangeNotice>();
        var second = new ConcurrentQueue<ChangeNotice>();
        var onA = new ConcurrentQueue<ChangeNotice>();
        using var subA = feedA.Subscribe(n => { onA.Enqueue(n); return ValueTask.CompletedTask; });
        var subFirst = feedB.Subscribe(n => { first.Enqueue(n); return ValueTask.CompletedTask; });
        using var subSecond = feedB.Subscribe(n => { second.Enqueue(n); return ValueTask.CompletedTask; });

        await feedA.PublishAsync(Notice(1));
        await WaitForAsync(() => first.Count == 1 && second.Count == 1 && onA.Count == 1);

        subFirst.Dispose();
        await feedA.PublishAsync(Notice(2));
        await WaitForAsync(() => second.Count == 2 && onA.Count == 2);
        await Task.Delay(300);

        Assert.Equal([1L], first.Select(n => n.EntityId));
        Assert.Equal([1L, 2L], second.Select(n => n.EntityId));
        Assert.Equal([1L, 2L], onA.Select(n => n.EntityId));
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_the_others()
    {
        using var feed = new RedisLiveFeed(_nodeA, _channel, NullLogger<RedisLiveFeed>.Instance);
        var received = new ConcurrentQueue<ChangeNotice>();
        using var bad = feed.Subscribe(_ => throw new InvalidOperationException("boom"));
        using var good = feed.Subscribe(n => { received.Enqueue(n); return ValueTask.CompletedTask; });

        await feed.PublishAsync(Notice(1));
        await feed.PublishAsync(Notice(2));

        await WaitForAsync(() => received.Count == 2);
    }

    [Fact]
    public async Task Publishing_while_Redis_is_unreachable_does_not_throw_and_still_reaches_this_node()
    {
        // Nothing listens on port 1: the multiplexer starts disconnected (abortConnect=false) and keeps retrying.
        var options = ConfigurationOptions.Parse("127.0.0.1:1");
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 500;
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(options);
        Assert.False(unreachable.IsConnected);
        using var feed = new RedisLiveFeed(unreachable, _channel, NullLogger<RedisLiveFeed>.Instance);
        var received = new ConcurrentQueue<ChangeNotice>();
        using var subscription = feed.Subscribe(n => { received.Enqueue(n); return ValueTask.CompletedTask; });

        var started = DateTime.UtcNow;
        await feed.PublishAsync(Notice(1));
        await feed.PublishAsync(Notice(2));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "Publishing must not wait for Redis.");
        Assert.Equal([1L, 2L], received.Select(n => n.EntityId));
    }

    [Fact]
    public void The_wire_format_is_compact_json()
    {
        var json = RedisLiveFeed.Serialize(Notice(12));

        Assert.DoesNotContain('\n', json);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.Contains("\"entityId\":12", json, StringComparison.Ordinal);
        Assert.Equal(Notice(12), RedisLiveFeed.Deserialize(json));

        var withTitle = Notice(13) with
        {
            Incident = new IncidentFacts(IncidentStage.Reported, null, HandlingTier.Grid, SourceChannel.GridWorker, 1, IncidentPriority.Normal,
                false, false, false, null, "20261122000001", "暴露垃圾", new DateTime(2026, 11, 22, 1, 0, 0, DateTimeKind.Utc)),
        };
        var text = RedisLiveFeed.Serialize(withTitle);
        Assert.Contains("暴露垃圾", text, StringComparison.Ordinal);
        Assert.Equal(withTitle, RedisLiveFeed.Deserialize(text));
    }

    private static ChangeNotice Notice(long id) => new(ChangeKind.PatrolCheckIn, id, 1, 2, 3, 1, new DateTime(2026, 11, 22, 1, 0, 0, DateTimeKind.Utc));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The notices did not arrive in time.");
            await Task.Delay(20);
        }
    }
}
