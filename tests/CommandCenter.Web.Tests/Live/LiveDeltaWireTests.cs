using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Live;

/// <summary>The app on Kestrel with a 3 s hub interval, so that a burst of notices lands in one delta.</summary>
public sealed class SlowTickKestrelLiveFactory : LiveApiFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Live:HubInterval"] = "00:00:03",
    };

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        await base.InitializeAsync();
    }
}

/// <summary>
/// What a delta costs on the wire, read with a raw WebSocket (the SignalR JSON protocol by hand): a tick's delta at
/// 200 incidents/s (20 creations per 100 ms) is one WebSocket frame, not two. SignalR copies each message into 4 KiB pipe
/// segments and its WebSocket transport sends one frame per segment, so every delta over 4 KiB costs each client two
/// frames (two writes through Kestrel) instead of one.
/// </summary>
public sealed class LiveDeltaWireTests(SlowTickKestrelLiveFactory factory) : IClassFixture<SlowTickKestrelLiveFactory>
{
    private const char RecordSeparator = '\u001e';

    [Fact]
    public async Task Twenty_creations_in_one_tick_arrive_as_one_frame_and_read_back_complete()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader(AuthenticationSchemeNames.ApiKeyHeader, factory.District.Key);
        var hub = new UriBuilder(new Uri(factory.BaseAddress, LiveHub.Path)) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(hub, timeout.Token);
        await SendAsync(socket, """{"protocol":"json","version":1}""", timeout.Token);
        Assert.Equal("{}", Assert.Single((await ReceiveAsync(socket, timeout.Token)).Records));
        await SendAsync(socket, $$"""{"type":1,"invocationId":"1","target":"Join","arguments":["{{ApiDistrict.DistrictCode}}"]}""", timeout.Token);
        long sequence;
        while (true)
        {
            var message = await ReceiveAsync(socket, timeout.Token);
            var completion = message.Records.Select(r => JsonDocument.Parse(r).RootElement).FirstOrDefault(r => r.GetProperty("type").GetInt32() == 3);
            if (completion.ValueKind != JsonValueKind.Undefined)
            {
                sequence = completion.GetProperty("result").GetProperty("sequence").GetInt64();
                break;
            }
        }

        var ids = await PublishCreationsAsync(20);

        var seen = new List<LiveChange>();
        while (seen.Count(c => ids.Contains(c.EntityId)) < ids.Count)
        {
            var message = await ReceiveAsync(socket, timeout.Token);
            foreach (var record in message.Records)
            {
                using var document = JsonDocument.Parse(record);
                if (document.RootElement.GetProperty("type").GetInt32() != 1)
                {
                    continue; // a ping
                }
                var delta = document.RootElement.GetProperty("arguments")[0].Deserialize<LiveDelta>(JsonSerializerOptions.Web)!;
                Assert.Equal(++sequence, delta.Sequence);
                var mine = delta.Changes.Where(c => ids.Contains(c.EntityId)).ToList();
                if (mine.Count == ids.Count)
                {
                    Assert.Equal(1, message.Frames);
                    Assert.True(message.Bytes <= 4096, $"{message.Bytes} bytes");
                }
                seen.AddRange(mine);
            }
        }
        Assert.Equal(ids.Order(), seen.Select(c => c.EntityId).Order());
        Assert.All(seen, c =>
        {
            Assert.Equal(ChangeKind.IncidentCreated, c.Kind);
            Assert.Equal(IncidentStage.Reported, c.Stage);
            Assert.Null(c.PreviousStage); // omitted on the wire, null again when read
            Assert.Null(c.Clock);
            Assert.Null(c.RatingLevel);
            Assert.StartsWith("SJ", c.Number, StringComparison.Ordinal);
        });
    }

    /// <summary>Publishes n creations in the first grid at once (they land in one tick of the 3 s interval).</summary>
    private async Task<HashSet<long>> PublishCreationsAsync(int n)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>();
        var grid = await db.Grids.AsNoTracking().SingleAsync(g => g.Code == ApiDistrict.Grid1Code);
        var category = await db.IncidentCategories.AsNoTracking().OrderBy(c => c.Id).FirstAsync();
        var feed = factory.Services.GetRequiredService<ILiveFeed>();
        var now = DateTime.UtcNow;
        var ids = new HashSet<long>();
        for (var i = 0; i < n; i++)
        {
            var id = 9_000_000L + i;
            ids.Add(id);
            var facts = new IncidentFacts(IncidentStage.Reported, null, HandlingTier.Grid, SourceChannel.GridWorker, category.Id,
                IncidentPriority.Normal, false, false, false, null, $"SJ20261122{i:000000}", "井盖缺失", now);
            await feed.PublishAsync(new ChangeNotice(ChangeKind.IncidentCreated, id, grid.StreetId, grid.CommunityId, grid.Id, 1, now) { Incident = facts });
        }
        return ids;
    }

    private static Task SendAsync(ClientWebSocket socket, string record, CancellationToken token) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(record + RecordSeparator), WebSocketMessageType.Text, true, token);

    private sealed record WireMessage(int Frames, int Bytes, IReadOnlyList<string> Records);

    /// <summary>One WebSocket message (frames up to the end-of-message flag) split into SignalR records.</summary>
    private static async Task<WireMessage> ReceiveAsync(ClientWebSocket socket, CancellationToken token)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        var frames = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            length += result.Count;
            frames++;
        }
        while (!result.EndOfMessage);
        var text = Encoding.UTF8.GetString(buffer, 0, length);
        return new WireMessage(frames, length, text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries));
    }
}
