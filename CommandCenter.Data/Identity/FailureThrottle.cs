using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using CommandCenter.Data.Live;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CommandCenter.Data.Identity;

/// <summary>The throttle's part of the "Security" section: failures per client address (and user name) per minute.</summary>
public sealed class FailureThrottleOptions
{
    public const string SectionName = "Security";

    /// <summary>Unknown, revoked or malformed API keys from one client address per minute; beyond, 429.</summary>
    [Range(1, 100_000)]
    public int MaxBadKeysPerMinute { get; set; } = 20;

    /// <summary>Failed sign-ins per minute, counted per client address and per user name; beyond, sign-in is refused unchecked.</summary>
    [Range(1, 100_000)]
    public int MaxFailedSignInsPerMinute { get; set; } = 10;
}

/// <summary>What a throttle bucket counts (part of its name).</summary>
public enum ThrottleKind
{
    BadApiKey = 0,
    SignInAddress = 1,
    SignInUser = 2,
    UnregisteredSos = 3,
}

/// <summary>
/// Fixed one-minute windows of counts per bucket (a kind and a client address, user name or key), shared by every node:
/// in Redis (INCR and EXPIRE) when ConnectionStrings:Redis is set, otherwise in the database (FailureCounters, an
/// atomic increment). A bucket found over its limit is remembered in this process until its window ends, so a limited
/// client never costs a round trip to Redis or the database again (<see cref="LimitedFor"/>). Values are hashed: the
/// store never holds an address or user name.
/// </summary>
public sealed partial class FailureThrottle : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly IDbContextFactory<CommandCenterDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly IConnectionMultiplexer? _redis;
    private readonly string _redisPrefix;
    private readonly ILogger<FailureThrottle> _logger;
    private readonly MemoryCache _limited = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private long _lastSweepWindow;

    public FailureThrottle(
        IDbContextFactory<CommandCenterDbContext> contexts, TimeProvider time, IOptions<RedisOptions> redisOptions, ILogger<FailureThrottle> logger,
        IConnectionMultiplexer? redis = null)
    {
        _contexts = contexts;
        _time = time;
        _redis = redis;
        _redisPrefix = redisOptions.Value.ChannelPrefix + ":throttle:";
        _logger = logger;
    }

    /// <summary>Whether the bucket is known here to be over its limit: how long until it clears. No I/O.</summary>
    public TimeSpan? LimitedFor(ThrottleKind kind, string value)
    {
        if (!_limited.TryGetValue(BucketOf(kind, value), out DateTime until))
        {
            return null;
        }
        var left = until - _time.GetUtcNow().UtcDateTime;
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>
    /// Counts one occurrence in the shared bucket. Returns how long the caller must wait when the count is now beyond
    /// <paramref name="limit"/> (remembered here until the window ends), else null.
    /// </summary>
    public async Task<TimeSpan?> CountAsync(ThrottleKind kind, string value, int limit, CancellationToken cancellationToken = default)
    {
        var bucket = BucketOf(kind, value);
        var window = WindowOf(_time.GetUtcNow().UtcDateTime);
        var count = _redis is null ? await IncrementInDatabaseAsync(bucket, window, cancellationToken) : await IncrementInRedisAsync(bucket, window);
        return count > limit ? Remember(bucket, window) : null;
    }

    /// <summary>
    /// Whether the shared bucket has reached <paramref name="limit"/> in this window, so the next attempt is refused
    /// before it is tried (read only; remembered here when it has).
    /// </summary>
    public async Task<TimeSpan?> PeekAsync(ThrottleKind kind, string value, int limit, CancellationToken cancellationToken = default)
    {
        if (LimitedFor(kind, value) is { } known)
        {
            return known;
        }
        var bucket = BucketOf(kind, value);
        var window = WindowOf(_time.GetUtcNow().UtcDateTime);
        long count;
        if (_redis is null)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            count = await db.FailureCounters.Where(c => c.Bucket == bucket && c.WindowStart == window).Select(c => c.Count).FirstOrDefaultAsync(cancellationToken);
        }
        else
        {
            count = await RedisAsync(async r => (long)await r.StringGetAsync(RedisKey(bucket, window)));
        }
        return count >= limit ? Remember(bucket, window) : null;
    }

    /// <summary>Whole seconds for a Retry-After header (at least 1).</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private TimeSpan Remember(string bucket, DateTime window)
    {
        var until = window + Window;
        _limited.Set(bucket, until, new MemoryCacheEntryOptions { AbsoluteExpiration = new DateTimeOffset(until, TimeSpan.Zero), Size = 1 });
        var left = until - _time.GetUtcNow().UtcDateTime;
        return left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1);
    }

    private async Task<long> IncrementInDatabaseAsync(string bucket, DateTime window, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
            {
                var updated = await db.FailureCounters.Where(c => c.Bucket == bucket && c.WindowStart == window)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + 1), cancellationToken);
                if (updated == 0)
                {
                    try
                    {
                        db.FailureCounters.Add(new FailureCounter { Bucket = bucket, WindowStart = window, Count = 1 });
                        await db.SaveChangesAsync(cancellationToken);
                        await SweepAsync(db, window, cancellationToken);
                        return 1;
                    }
                    catch (DbUpdateException) when (attempt < 3)
                    {
                        // Another node added the bucket first: increment it.
                        db.ChangeTracker.Clear();
                        continue;
                    }
                }
            }
            return await db.FailureCounters.Where(c => c.Bucket == bucket && c.WindowStart == window).Select(c => c.Count).FirstOrDefaultAsync(cancellationToken);
        }
    }

    /// <summary>Once a window per node, drops the buckets of windows before the last one.</summary>
    private async Task SweepAsync(CommandCenterDbContext db, DateTime window, CancellationToken cancellationToken)
    {
        var ticks = window.Ticks;
        if (Interlocked.Exchange(ref _lastSweepWindow, ticks) == ticks)
        {
            return;
        }
        var before = window - Window;
        await db.FailureCounters.Where(c => c.WindowStart < before).ExecuteDeleteAsync(cancellationToken);
    }

    private Task<long> IncrementInRedisAsync(string bucket, DateTime window) => RedisAsync(async r =>
    {
        var key = RedisKey(bucket, window);
        var count = await r.StringIncrementAsync(key);
        if (count == 1)
        {
            await r.KeyExpireAsync(key, Window + Window);
        }
        return count;
    });

    /// <summary>Redis unreachable: the throttle counts nothing rather than refuse callers (and says so in the log).</summary>
    private async Task<long> RedisAsync(Func<IDatabase, Task<long>> command)
    {
        try
        {
            return await command(_redis!.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisFailed(ex);
            return 0;
        }
    }

    private string RedisKey(string bucket, DateTime window) =>
        _redisPrefix + bucket + ":" + window.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime WindowOf(DateTime now) => new(now.Ticks - now.Ticks % Window.Ticks, DateTimeKind.Utc);

    /// <summary>The kind and the value's hash (the store holds no addresses or user names). User names compare case-insensitively.</summary>
    private static string BucketOf(ThrottleKind kind, string value)
    {
        var normalized = kind == ThrottleKind.SignInUser ? value.Trim().ToUpperInvariant() : value;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..40];
        return ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + hash;
    }

    public void Dispose() => _limited.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failure throttle: Redis unavailable, not counting")]
    private partial void LogRedisFailed(Exception ex);
}
