using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CommandCenter.Data.Live;

/// <summary>
/// The scaled-out feed: every notice goes through one Redis pub/sub channel, and each node's single subscription
/// hands it to the node's local handlers — so every node, the publisher included, sees it exactly once.
/// While Redis is unreachable a notice is delivered to this node only and the failure is logged: a notice is a hint,
/// the database is the truth (screens re-sync).
/// </summary>
public sealed partial class RedisLiveFeed : ILiveFeed, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly ILogger<RedisLiveFeed> _logger;
    private readonly Lock _subscribeLock = new();
    private ImmutableArray<Func<ChangeNotice, ValueTask>> _handlers = [];
    private ChannelMessageQueue? _queue;
    private int _publishFailing;
    private bool _disposed;

    public RedisLiveFeed(IConnectionMultiplexer redis, string channel, ILogger<RedisLiveFeed> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        _redis = redis;
        _channel = RedisChannel.Literal(channel);
        _logger = logger;
        _redis.ConnectionRestored += OnConnectionRestored;
    }

    public async ValueTask PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default)
    {
        var payload = Serialize(notice);
        if (_redis.IsConnected)
        {
            try
            {
                await _redis.GetSubscriber().PublishAsync(_channel, payload);
                if (Interlocked.Exchange(ref _publishFailing, 0) == 1)
                {
                    LogPublishRecovered(_logger, _channel.ToString());
                }
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                LogPublishFailed(ex, notice);
            }
        }
        else
        {
            LogPublishFailed(null, notice);
        }
        // Not sent: this node still sees its own change.
        await DeliverAsync(notice);
    }

    public IDisposable Subscribe(Func<ChangeNotice, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        EnsureSubscribed();
        return new Subscription(this, handler);
    }

    public void Dispose()
    {
        lock (_subscribeLock)
        {
            _disposed = true;
            _redis.ConnectionRestored -= OnConnectionRestored;
            try
            {
                _queue?.Unsubscribe();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                // Shutting down with Redis gone: nothing to unsubscribe from.
            }
            _queue = null;
        }
    }

    /// <summary>Compact JSON: camelCase, enums as numbers, nulls left out, Chinese as UTF-8 rather than \uXXXX escapes.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        TypeInfoResolver = LiveFeedJsonContext.Default,
    };

    private static readonly JsonTypeInfo<ChangeNotice> NoticeType = (JsonTypeInfo<ChangeNotice>)Json.GetTypeInfo(typeof(ChangeNotice));

    public static string Serialize(ChangeNotice notice) => JsonSerializer.Serialize(notice, NoticeType);

    public static ChangeNotice? Deserialize(string json) => JsonSerializer.Deserialize(json, NoticeType);

    /// <summary>One Redis subscription per node, made when the first handler subscribes (and again after a failed attempt once Redis is back).</summary>
    private void EnsureSubscribed()
    {
        lock (_subscribeLock)
        {
            if (_queue is not null || _disposed)
            {
                return;
            }
            try
            {
                var queue = _redis.GetSubscriber().Subscribe(_channel);
                queue.OnMessage(OnMessageAsync);
                _queue = queue;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogSubscribeFailed(_logger, ex, _channel.ToString());
            }
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (!_handlers.IsEmpty)
        {
            EnsureSubscribed();
        }
    }

    private async Task OnMessageAsync(ChannelMessage message)
    {
        ChangeNotice? notice;
        try
        {
            notice = Deserialize(message.Message.ToString());
        }
        catch (JsonException ex)
        {
            LogUnreadable(_logger, ex, _channel.ToString());
            return;
        }
        if (notice is not null)
        {
            await DeliverAsync(notice);
        }
    }

    private async ValueTask DeliverAsync(ChangeNotice notice)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler(notice);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHandlerFailed(_logger, ex, notice.Kind, notice.EntityId);
            }
        }
    }

    private void LogPublishFailed(Exception? ex, ChangeNotice notice)
    {
        // Warn once per outage, then quietly: a Redis outage must not flood the log at ingest rate.
        if (Interlocked.Exchange(ref _publishFailing, 1) == 0)
        {
            LogPublishFailedFirst(_logger, ex, _channel.ToString(), notice.Kind, notice.EntityId);
        }
        else
        {
            LogPublishFailedAgain(_logger, ex, notice.Kind, notice.EntityId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: publishing on Redis channel {Channel} failed ({Kind} {Id}); delivering on this node only until Redis is back")]
    private static partial void LogPublishFailedFirst(ILogger logger, Exception? ex, string channel, ChangeKind kind, long id);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live feed: Redis still unavailable ({Kind} {Id} delivered locally)")]
    private static partial void LogPublishFailedAgain(ILogger logger, Exception? ex, ChangeKind kind, long id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed: publishing on Redis channel {Channel} works again")]
    private static partial void LogPublishRecovered(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: subscribing to Redis channel {Channel} failed; retrying when the connection is restored")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception ex, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: an unreadable message on Redis channel {Channel} was dropped")]
    private static partial void LogUnreadable(ILogger logger, Exception ex, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-feed subscriber failed on {Kind} {Id}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception ex, ChangeKind kind, long id);

    private sealed class Subscription(RedisLiveFeed feed, Func<ChangeNotice, ValueTask> handler) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref feed._handlers, list => list.Remove(handler));
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChangeNotice))]
internal sealed partial class LiveFeedJsonContext : JsonSerializerContext;
