using System.Collections.Concurrent;
using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Api;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Live;

/// <summary>
/// Many connections, many deltas: with every group's sends started together (not awaited one by one), each of 30
/// WebSocket clients still receives every delta of its node once, in sequence, and every change in publication order.
/// </summary>
public sealed class LiveFanOutOrderTests(KestrelLiveFactory factory) : IClassFixture<KestrelLiveFactory>
{
    private sealed class Client(HubConnection connection, string node)
    {
        public HubConnection Connection { get; } = connection;
        public string Node { get; } = node;
        public LiveSequenceTracker Tracker { get; } = new();
        public ConcurrentQueue<LiveDelta> Deltas { get; } = new();
        public List<long> Applied { get; } = [];
    }

    [Fact]
    public async Task Thirty_clients_on_three_nodes_get_every_delta_in_order_with_every_change()
    {
        string[] nodes = [ApiDistrict.DistrictCode, ApiDistrict.Street1Code, ApiDistrict.Grid1Code];
        var clients = new List<Client>();
        try
        {
            for (var i = 0; i < 30; i++)
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(factory.BaseAddress, LiveHub.Path), HttpTransportType.WebSockets, o =>
                    {
                        o.SkipNegotiation = true;
                        o.Headers[AuthenticationSchemeNames.ApiKeyHeader] = factory.District.Key;
                    })
                    .Build();
                var client = new Client(connection, nodes[i % nodes.Length]);
                connection.On<LiveDelta>(nameof(ILiveClient.Delta), d => client.Deltas.Enqueue(d));
                clients.Add(client);
            }
            await Task.WhenAll(clients.Select(async c =>
            {
                await c.Connection.StartAsync();
                var snapshot = await c.Connection.InvokeAsync<LiveNodeSnapshot>(nameof(LiveHub.Join), c.Node);
                c.Tracker.OnSnapshot(snapshot.Sequence);
            }));

            // 200 creations in bursts of 20, about one burst per hub interval: many ticks, many deltas per group.
            var published = await PublishCreationsAsync(bursts: 10, perBurst: 20);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            foreach (var client in clients)
            {
                while (client.Applied.Count < published.Count)
                {
                    if (!client.Deltas.TryDequeue(out var delta))
                    {
                        await Task.Delay(20, timeout.Token);
                        continue;
                    }
                    Assert.Equal(client.Node, delta.NodeCode);
                    Assert.Equal(0, delta.ChangesDropped);
                    var decision = client.Tracker.OnDelta(delta.Sequence);
                    // Deltas at or below the join snapshot are covered by it; after that every one must be the next.
                    Assert.NotEqual(LiveSequenceDecision.Resync, decision);
                    if (decision == LiveSequenceDecision.Apply)
                    {
                        client.Applied.AddRange(delta.Changes.Select(c => c.EntityId).Where(published.Contains));
                    }
                }
                Assert.Equal(published, client.Applied);
            }
            Assert.True(clients.Max(c => c.Tracker.Last) >= 5, "the bursts spread over several ticks");
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.Connection.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Publishes creations in the first grid (on every node's path) and returns their ids in publication order.</summary>
    private async Task<List<long>> PublishCreationsAsync(int bursts, int perBurst)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>();
        var grid = await db.Grids.AsNoTracking().SingleAsync(g => g.Code == ApiDistrict.Grid1Code);
        var category = await db.IncidentCategories.AsNoTracking().OrderBy(c => c.Id).FirstAsync();
        var feed = factory.Services.GetRequiredService<ILiveFeed>();
        var ids = new List<long>();
        for (var burst = 0; burst < bursts; burst++)
        {
            for (var i = 0; i < perBurst; i++)
            {
                var id = 8_000_000L + ids.Count;
                var now = DateTime.UtcNow;
                var facts = new IncidentFacts(IncidentStage.Reported, null, HandlingTier.Grid, SourceChannel.GridWorker, category.Id,
                    IncidentPriority.Normal, false, false, false, null, $"SJ20261122{id % 1_000_000:000000}", "暴露垃圾", now);
                await feed.PublishAsync(new ChangeNotice(ChangeKind.IncidentCreated, id, grid.StreetId, grid.CommunityId, grid.Id, 1, now) { Incident = facts });
                ids.Add(id);
            }
            await Task.Delay(100);
        }
        return ids;
    }
}
