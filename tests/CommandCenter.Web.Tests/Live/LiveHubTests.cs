using System.Net;
using System.Threading.Channels;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using CommandCenter.Web.Tests.Api;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Web.Tests.Live;

/// <summary>/hubs/live with the .NET client over the test server: snapshot, ordered deltas, scope, anonymous refusal, re-sync.</summary>
public sealed class LiveHubTests(LiveApiFactory factory) : IClassFixture<LiveApiFactory>
{
    private HubConnection Connect(string? apiKey) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, LiveHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            if (apiKey is not null)
            {
                o.Headers[AuthenticationSchemeNames.ApiKeyHeader] = apiKey;
            }
        })
        .Build();

    private static Channel<LiveDelta> Deltas(HubConnection connection)
    {
        var channel = Channel.CreateUnbounded<LiveDelta>();
        connection.On<LiveDelta>(nameof(ILiveClient.Delta), delta => channel.Writer.TryWrite(delta));
        return channel;
    }

    private static async Task<LiveDelta> NextAsync(Channel<LiveDelta> deltas, Func<LiveDelta, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var delta = await deltas.Reader.ReadAsync(timeout.Token);
            if (until(delta))
            {
                return delta;
            }
        }
    }

    [Fact]
    public async Task A_client_gets_the_snapshot_then_deltas_with_increasing_sequence_after_reports()
    {
        await using var connection = Connect(factory.District.Key);
        var deltas = Deltas(connection);
        await connection.StartAsync();

        var snapshot = await connection.InvokeAsync<LiveNodeSnapshot>("Join", ApiDistrict.Street1Code);
        Assert.True(snapshot.Loaded);
        Assert.Equal(ApiDistrict.Street1Code, snapshot.Metrics.Code);
        Assert.Equal(2, snapshot.Metrics.Grids);
        var tracker = new LiveSequenceTracker();
        tracker.OnSnapshot(snapshot.Sequence);

        using var api = factory.ApiClient(factory.District.Key);
        var first = await ApiCalls.CreateIncidentAsync(api, ApiCalls.Incident(gridCode: ApiDistrict.Grid1Code));
        var delta1 = await NextAsync(deltas, d => d.Changes.Any(c => c.EntityId == first["id"]!.GetValue<long>()));
        Assert.Equal(LiveSequenceDecision.Apply, tracker.OnDelta(delta1.Sequence));
        Assert.Equal(snapshot.Sequence + 1, delta1.Sequence);
        Assert.Equal(snapshot.Metrics.Today.Received + 1, delta1.Metrics.Today.Received);
        Assert.Equal(ApiDistrict.Street1Code, delta1.NodeCode);
        var change = Assert.Single(delta1.Changes);
        Assert.Equal(Data.Live.ChangeKind.IncidentCreated, change.Kind);

        // An incident in the other street is not this group's business.
        await ApiCalls.CreateIncidentAsync(api, ApiCalls.Incident(gridCode: ApiDistrict.Grid3Code));
        var second = await ApiCalls.CreateIncidentAsync(api, ApiCalls.Incident(gridCode: ApiDistrict.Grid2Code));
        var delta2 = await NextAsync(deltas, d => d.Changes.Any(c => c.EntityId == second["id"]!.GetValue<long>()));
        Assert.Equal(LiveSequenceDecision.Apply, tracker.OnDelta(delta2.Sequence));
        Assert.Equal(delta1.Sequence + 1, delta2.Sequence);
        Assert.Equal(snapshot.Metrics.Today.Received + 2, delta2.Metrics.Today.Received);

        // Re-sync: the snapshot now carries the latest sequence and the same numbers.
        var again = await connection.InvokeAsync<LiveNodeSnapshot>("GetSnapshot", ApiDistrict.Street1Code);
        Assert.Equal(delta2.Sequence, again.Sequence);
        Assert.Equal(delta2.Metrics, again.Metrics);
        Assert.Contains(again.Newest, n => n.Id == second["id"]!.GetValue<long>());
        Assert.DoesNotContain(again.Newest, n => n.GridCode == ApiDistrict.Grid3Code);
    }

    [Fact]
    public async Task A_scoped_key_cannot_join_another_street_or_the_district()
    {
        await using var connection = Connect(factory.District.ScopedKey);
        await connection.StartAsync();

        var own = await connection.InvokeAsync<LiveNodeSnapshot>("Join", ApiDistrict.Grid2Code);
        Assert.Equal(ApiDistrict.Grid2Code, own.NodeCode);
        var other = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveNodeSnapshot>("Join", ApiDistrict.Street2Code));
        Assert.Contains("outside your area", other.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveNodeSnapshot>("Join", ApiDistrict.DistrictCode));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveNodeSnapshot>("GetSnapshot", ApiDistrict.Grid3Code));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveNodeSnapshot>("Join", "not-a-code"));
    }

    [Fact]
    public async Task Anonymous_and_revoked_keys_are_refused_with_401()
    {
        foreach (var key in new[] { null, factory.District.RevokedKey })
        {
            await using var connection = Connect(key);
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }
    }

    [Fact]
    public void The_sequence_tracker_applies_in_order_ignores_old_and_asks_for_a_resync_on_a_gap()
    {
        var tracker = new LiveSequenceTracker();
        Assert.Equal(LiveSequenceDecision.Ignore, tracker.OnDelta(5)); // before the snapshot: the snapshot covers it
        tracker.OnSnapshot(7);
        Assert.Equal(LiveSequenceDecision.Ignore, tracker.OnDelta(7));
        Assert.Equal(LiveSequenceDecision.Apply, tracker.OnDelta(8));
        Assert.Equal(LiveSequenceDecision.Resync, tracker.OnDelta(10));
        Assert.Null(tracker.Last);
        Assert.Equal(LiveSequenceDecision.Ignore, tracker.OnDelta(11));
        tracker.OnSnapshot(11);
        Assert.Equal(LiveSequenceDecision.Apply, tracker.OnDelta(12));
    }

    [Fact]
    public async Task A_client_that_missed_deltas_resyncs_from_the_snapshot()
    {
        await using var connection = Connect(factory.District.Key);
        var deltas = Deltas(connection);
        await connection.StartAsync();
        var snapshot = await connection.InvokeAsync<LiveNodeSnapshot>("Join", ApiDistrict.Grid3Code);
        var tracker = new LiveSequenceTracker();
        tracker.OnSnapshot(snapshot.Sequence - 1); // as if one delta had been lost

        using var api = factory.ApiClient(factory.District.Key);
        var created = await ApiCalls.CreateIncidentAsync(api, ApiCalls.Incident(gridCode: ApiDistrict.Grid3Code));
        var delta = await NextAsync(deltas, d => d.Changes.Any(c => c.EntityId == created["id"]!.GetValue<long>()));
        var decision = tracker.OnDelta(delta.Sequence);
        Assert.Equal(LiveSequenceDecision.Resync, decision);

        var fresh = await connection.InvokeAsync<LiveNodeSnapshot>("GetSnapshot", ApiDistrict.Grid3Code);
        tracker.OnSnapshot(fresh.Sequence);
        Assert.Equal(delta.Sequence, fresh.Sequence);
        Assert.Equal(snapshot.Metrics.Today.Received + 1, fresh.Metrics.Today.Received);
    }
}
