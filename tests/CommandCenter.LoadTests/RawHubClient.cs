using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CommandCenter.Data.Live;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;

namespace CommandCenter.LoadTests;

/// <summary>
/// A hub client without the SignalR client library (<c>--client-kind raw</c>, the default): a
/// <see cref="ClientWebSocket"/> straight to <c>ws://host/hubs/live</c> (negotiation skipped, <c>X-Api-Key</c>) that
/// speaks the SignalR JSON hub protocol itself. Handshake <c>{"protocol":"json","version":1}␞</c>, answer <c>{}␞</c>;
/// invocation <c>Join(node)</c>, completion (type 3) with the snapshot, of which only <c>sequence</c> is read; then
/// invocations (type 1) of <c>Delta</c>, pings (6) and close (7). Messages end with the record separator 0x1e: a
/// WebSocket message can hold several and one can span frames, so records are cut from one receive buffer per client.
/// A delta is read with <see cref="Utf8JsonReader"/> only as far as the load tool needs: its <c>sequence</c>,
/// <c>changesDropped</c>, <c>resynced</c>, and each change's <c>kind</c>, <c>entityId</c> and <c>at</c>; the node's
/// <c>metrics</c> are skipped. The wire (checked against the app): camelCase names, enums as numbers, times as ISO 8601
/// UTC (<c>…Z</c>). The client pings every 15 s, since the server drops a client silent for 30 s.
/// </summary>
internal sealed class RawHubClient : IHubLoadClient
{
    private const byte RecordSeparator = 0x1e;
    private const int MessageTypeInvocation = 1;
    private const int MessageTypeCompletion = 3;
    private const int MessageTypeClose = 7;
    private const string JoinInvocationId = "0";
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);
    private static readonly ReadOnlyMemory<byte> Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Ping = "{\"type\":6}\u001e"u8.ToArray();

    /// <summary>One handler for every client's upgrade request (an upgraded connection leaves its pool).</summary>
    private static readonly HttpMessageInvoker Invoker = new(new SocketsHttpHandler { UseProxy = false });

    private readonly Uri _hub;
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stopPinging = new();
    private readonly TaskCompletionSource<string?> _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _handshakeAnswered;
    private volatile bool _disposing;
    private int _createdChanges;
    private Task? _receiving;
    private Task? _pinging;

    public RawHubClient(Uri address, string key)
    {
        _hub = new UriBuilder(new Uri(address, LiveHub.Path)) { Scheme = address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        _socket.Options.SetRequestHeader(AuthenticationSchemeNames.ApiKeyHeader, key);
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // the hub protocol's own pings keep the connection alive
    }

    public ClientRecord Record { get; } = new();

    public int CreatedChanges => Volatile.Read(ref _createdChanges);

    public async Task<string?> ConnectAsync(string nodeCode, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _socket.ConnectAsync(_hub, Invoker, cts.Token);
            await _socket.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, cts.Token);
            _receiving = ReceiveAsync();
            var join = $"{{\"type\":1,\"invocationId\":\"{JoinInvocationId}\",\"target\":\"{nameof(LiveHub.Join)}\",\"arguments\":[{JsonSerializer.Serialize(nodeCode)}]}}\u001e";
            await _socket.SendAsync(Encoding.UTF8.GetBytes(join), WebSocketMessageType.Text, endOfMessage: true, cts.Token);
            var error = await _joined.Task.WaitAsync(cts.Token);
            if (error is null)
            {
                _pinging = PingAsync();
            }
            return error;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    /// <summary>Reads frames into the buffer and handles every complete record, until the connection ends.</summary>
    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                MakeRoom();
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(_end), CancellationToken.None);
                var now = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Ended("the server closed the WebSocket");
                    return;
                }
                var scanFrom = _end;
                _end += result.Count;
                while (_buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf(RecordSeparator) is var at and >= 0)
                {
                    var recordEnd = scanFrom + at;
                    if (!OnRecord(_buffer.AsSpan(_start, recordEnd - _start), now))
                    {
                        return;
                    }
                    _start = scanFrom = recordEnd + 1;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or JsonException or InvalidOperationException)
        {
            Ended($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Keeps room after the last byte: drops handled records, moves a partial one to the front, grows for a long one.</summary>
    private void MakeRoom()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        if (_buffer.Length - _end >= 1024)
        {
            return;
        }
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_buffer.Length - _end < 1024)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }

    private void Ended(string reason)
    {
        if (!_joined.TrySetResult($"the connection ended before the join: {reason}") && !_disposing)
        {
            lock (Record)
            {
                Record.Disconnected = true;
            }
        }
    }

    /// <summary>Handles one hub message; false when it ends the connection.</summary>
    private bool OnRecord(ReadOnlySpan<byte> json, long now)
    {
        if (!_handshakeAnswered)
        {
            _handshakeAnswered = true;
            if (json.IndexOf("\"error\""u8) >= 0)
            {
                _joined.TrySetResult($"handshake refused: {Encoding.UTF8.GetString(json)}");
                return false;
            }
            return true;
        }
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var type = 0;
        string? target = null;
        var isJoin = false;
        string? error = null;
        // The server writes type and target before arguments and result, so the payload is read where it stands; in
        // any other order a copy of the reader at the payload is read once the object's end is reached.
        var payload = default(Utf8JsonReader);
        var payloadRead = false;
        var hasPayload = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                target = reader.ValueTextEquals(nameof(ILiveClient.Delta)) ? nameof(ILiveClient.Delta) : "";
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                isJoin = reader.ValueTextEquals(JoinInvocationId);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.GetString();
            }
            else if (reader.ValueTextEquals("arguments"u8) || reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                payload = reader;
                hasPayload = true;
                payloadRead = type == MessageTypeCompletion || (type == MessageTypeInvocation && target is not null);
                if (payloadRead)
                {
                    ReadPayload(ref reader, type, target, now);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }
        if (hasPayload && !payloadRead)
        {
            ReadPayload(ref payload, type, target, now);
        }
        if (type == MessageTypeCompletion && isJoin)
        {
            _joined.TrySetResult(error ?? (hasPayload ? null : "the join completed without a snapshot"));
        }
        if (type == MessageTypeClose)
        {
            Ended($"close message{(error is null ? "" : ": " + error)}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// Reads a Delta invocation's arguments or a completion's result (the join's snapshot: only its sequence), leaving
    /// the reader on the payload's last token; any other payload is skipped.
    /// </summary>
    private void ReadPayload(ref Utf8JsonReader reader, int type, string? target, long now)
    {
        if (type == MessageTypeInvocation && target == nameof(ILiveClient.Delta))
        {
            OnDelta(ref reader, now);
            reader.Read(); // the end of the arguments array
        }
        else if (type == MessageTypeCompletion && reader.TokenType == JsonTokenType.StartObject)
        {
            var sequence = ReadSnapshotSequence(ref reader);
            lock (Record)
            {
                Record.SnapshotSequence = sequence;
            }
        }
        else
        {
            reader.Skip();
        }
    }

    /// <summary>Reads the snapshot's <c>sequence</c> and skips the rest.</summary>
    private static long ReadSnapshotSequence(ref Utf8JsonReader reader)
    {
        var sequence = -1L;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sequence"u8))
            {
                reader.Read();
                sequence = reader.GetInt64();
            }
            else
            {
                reader.Skip();
            }
        }
        return sequence;
    }

    /// <summary>The arguments array of a Delta invocation: one <see cref="LiveDelta"/>.</summary>
    private void OnDelta(ref Utf8JsonReader reader, long now)
    {
        reader.Read(); // the delta object
        var created = 0;
        lock (Record)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("sequence"u8))
                {
                    reader.Read();
                    Record.Sequences.Add(reader.GetInt64());
                }
                else if (reader.ValueTextEquals("changesDropped"u8))
                {
                    reader.Read();
                    Record.Dropped += reader.GetInt32();
                }
                else if (reader.ValueTextEquals("resynced"u8))
                {
                    reader.Read();
                    Record.Resynced += reader.GetBoolean() ? 1 : 0;
                }
                else if (reader.ValueTextEquals("changes"u8))
                {
                    reader.Read();
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        created += ReadChange(ref reader, now);
                    }
                }
                else
                {
                    reader.Skip(); // nodeCode, at, metrics
                }
            }
        }
        Interlocked.Add(ref _createdChanges, created);
    }

    /// <summary>One <see cref="LiveChange"/>: records a created incident's id, arrival and time; 1 if it was one.</summary>
    private int ReadChange(ref Utf8JsonReader reader, long now)
    {
        var kind = -1;
        var entityId = 0L;
        var at = 0L;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                kind = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("entityId"u8))
            {
                reader.Read();
                entityId = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("at"u8))
            {
                reader.Read();
                if (kind is -1 or (int)ChangeKind.IncidentCreated) // kind comes first on the wire: other changes skip the parse
                {
                    at = reader.GetDateTimeOffset().UtcTicks;
                }
            }
            else
            {
                reader.Skip();
            }
        }
        if (kind != (int)ChangeKind.IncidentCreated)
        {
            return 0;
        }
        Record.Received.Add((entityId, now, at));
        return 1;
    }

    private async Task PingAsync()
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopPinging.Token))
            {
                await _socket.SendAsync(Ping, WebSocketMessageType.Text, endOfMessage: true, _stopPinging.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    /// <summary>Closes the WebSocket (the server answers with a close message and frame), waiting at most 5 s.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        await _stopPinging.CancelAsync();
        if (_pinging is not null)
        {
            await _pinging;
        }
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                if (_receiving is not null)
                {
                    await _receiving.WaitAsync(timeout.Token);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
            {
            }
        }
        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving;
        }
        _socket.Dispose();
        _stopPinging.Dispose();
    }
}
