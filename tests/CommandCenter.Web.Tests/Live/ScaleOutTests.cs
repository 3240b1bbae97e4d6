using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CommandCenter.Web.Tests.Live;

/// <summary>
/// Two app instances ("nodes") sharing one SQLite file and one Redis server, as a farm shares its database and Redis.
/// Redis comes from COMMANDCENTER_TEST_REDIS (default 127.0.0.1:6379; CI starts it): unreachable means failed, not skipped.
/// </summary>
public sealed class ScaleOutTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-scaleout-tests", Guid.NewGuid().ToString("N"));
    private readonly string _prefix = "cc-test-" + Guid.NewGuid().ToString("N");

    public ScaleOutTests() => Directory.CreateDirectory(_folder);

    private static string RedisEndpoint =>
        Environment.GetEnvironmentVariable("COMMANDCENTER_TEST_REDIS") is { Length: > 0 } value ? value : "127.0.0.1:6379";

    [Fact]
    public async Task A_report_through_node_A_reaches_a_live_feed_subscriber_on_node_B()
    {
        await AssertRedisReachableAsync();
        var database = Path.Combine(_folder, "shared.db");
        using var nodeA = new ScaleOutNode(database, _prefix);
        ApiDistrict district;
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            district = await ApiDistrict.SeedAsync(scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>());
        }
        using var nodeB = new ScaleOutNode(database, _prefix);

        var feedA = nodeA.Services.GetRequiredService<ILiveFeed>();
        var feedB = nodeB.Services.GetRequiredService<ILiveFeed>();
        Assert.IsType<RedisLiveFeed>(feedA);
        Assert.IsType<RedisLiveFeed>(feedB);
        Assert.NotSame(feedA, feedB);
        var onA = new ConcurrentQueue<ChangeNotice>();
        var onB = new ConcurrentQueue<ChangeNotice>();
        using var subA = feedA.Subscribe(n => { onA.Enqueue(n); return ValueTask.CompletedTask; });
        using var subB = feedB.Subscribe(n => { onB.Enqueue(n); return ValueTask.CompletedTask; });

        using var client = nodeA.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", district.Key);
        var created = await ApiCalls.CreateIncidentAsync(client);
        var id = created["id"]!.GetValue<long>();
        var number = created["number"]!.GetValue<string>();

        var until = DateTime.UtcNow.AddSeconds(10);
        while (!(onA.Any(n => n.EntityId == id) && onB.Any(n => n.EntityId == id)))
        {
            Assert.True(DateTime.UtcNow < until, $"The notice did not reach both nodes (A: {onA.Count}, B: {onB.Count}).");
            await Task.Delay(20);
        }
        await Task.Delay(300);

        var notice = Assert.Single(onB, n => n.EntityId == id);
        Assert.Single(onA, n => n.EntityId == id);
        Assert.Equal(ChangeKind.IncidentCreated, notice.Kind);
        Assert.Equal(district.Grid1Id, notice.GridId);
        Assert.Equal(district.Street1Id, notice.StreetId);
        Assert.Equal(1, notice.Version);
        Assert.Equal(number, notice.Incident!.Number);
        Assert.Equal(IncidentStage.Reported, notice.Incident.Stage);

        // Node B reads the same database: the incident the notice points at is there.
        await using var scopeB = nodeB.Services.CreateAsyncScope();
        var db = scopeB.ServiceProvider.GetRequiredService<CommandCenterDbContext>();
        Assert.Equal(number, (await db.Incidents.FindAsync(id))!.Number);
    }

    [Fact]
    public async Task A_report_through_node_A_reaches_a_hub_client_connected_to_node_B()
    {
        await AssertRedisReachableAsync();
        var database = Path.Combine(_folder, "shared-hub.db");
        using var nodeA = new ScaleOutNode(database, _prefix);
        ApiDistrict district;
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            district = await ApiDistrict.SeedAsync(scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>());
        }
        using var nodeB = new ScaleOutNode(database, _prefix);
        await nodeB.Services.GetRequiredService<LiveMetrics>().ReloadAsync(CancellationToken.None);

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nodeB.Server.BaseAddress, LiveHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => nodeB.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers[AuthenticationSchemeNames.ApiKeyHeader] = district.Key;
            })
            .Build();
        var deltas = Channel.CreateUnbounded<LiveDelta>();
        connection.On<LiveDelta>(nameof(ILiveClient.Delta), delta => deltas.Writer.TryWrite(delta));
        await connection.StartAsync();
        var snapshot = await connection.InvokeAsync<LiveNodeSnapshot>("Join", ApiDistrict.Street1Code);
        var tracker = new LiveSequenceTracker();
        tracker.OnSnapshot(snapshot.Sequence);

        using var client = nodeA.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", district.Key);
        var created = await ApiCalls.CreateIncidentAsync(client);
        var id = created["id"]!.GetValue<long>();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        LiveDelta delta;
        do
        {
            delta = await deltas.Reader.ReadAsync(timeout.Token);
            Assert.Equal(LiveSequenceDecision.Apply, tracker.OnDelta(delta.Sequence));
        }
        while (!delta.Changes.Any(c => c.EntityId == id));

        Assert.Equal(ApiDistrict.Street1Code, delta.NodeCode);
        Assert.Equal(ChangeKind.IncidentCreated, delta.Changes.Single(c => c.EntityId == id).Kind);
    }

    [Fact]
    public void Without_a_Redis_connection_string_the_feed_stays_in_process()
    {
        using var node = new CommandCenterFactory();
        Assert.IsType<InProcessLiveFeed>(node.Services.GetRequiredService<ILiveFeed>());
        Assert.Null(node.Services.GetService<IConnectionMultiplexer>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task AssertRedisReachableAsync()
    {
        var options = ConfigurationOptions.Parse(RedisEndpoint);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 3000;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        Assert.True(redis.IsConnected, $"Redis is not reachable at {RedisEndpoint} (COMMANDCENTER_TEST_REDIS). Start it with .ci/services.sh.");
    }

    /// <summary>One node: the shared SQLite file, Redis, and this test's channel prefix.</summary>
    private sealed class ScaleOutNode(string databasePath, string prefix) : CommandCenterFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["ConnectionStrings:CommandCenter"] = $"Data Source={databasePath}",
            ["ConnectionStrings:Redis"] = RedisEndpoint,
            ["Redis:ChannelPrefix"] = prefix,
            ["Api:RateLimit:PermitsPerSecond"] = "100000",
            ["Api:RateLimit:Burst"] = "100000",
            ["Jobs:RunServer"] = "false",
        };
    }
}
