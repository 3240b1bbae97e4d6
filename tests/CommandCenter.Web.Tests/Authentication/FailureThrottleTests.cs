using System.Net;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Authentication;

/// <summary>
/// Invalid API keys and failed sign-ins are counted in a bucket every node shares: two app instances on one SQLite
/// file, and two on separate files sharing only Redis (COMMANDCENTER_TEST_REDIS, default 127.0.0.1:6379).
/// </summary>
public sealed class FailureThrottleTests : IDisposable
{
    private const int MaxBadKeys = 20;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-throttle-tests", Guid.NewGuid().ToString("N"));
    private readonly string _prefix = "cc-throttle-" + Guid.NewGuid().ToString("N");

    public FailureThrottleTests() => Directory.CreateDirectory(_folder);

    private static string RedisEndpoint =>
        Environment.GetEnvironmentVariable("COMMANDCENTER_TEST_REDIS") is { Length: > 0 } value ? value : "127.0.0.1:6379";

    [Fact]
    public async Task Bad_keys_from_one_address_are_counted_across_two_nodes_sharing_the_database()
    {
        var database = Path.Combine(_folder, "shared.db");
        using var nodeA = new Node(database, redis: null, _prefix);
        using var nodeB = new Node(database, redis: null, _prefix);
        await BadKeysAreSharedAsync(nodeA, nodeB, countsInDatabase: true);
    }

    [Fact]
    public async Task Bad_keys_from_one_address_are_counted_across_two_nodes_sharing_redis()
    {
        using var nodeA = new Node(Path.Combine(_folder, "a.db"), RedisEndpoint, _prefix);
        using var nodeB = new Node(Path.Combine(_folder, "b.db"), RedisEndpoint, _prefix);
        await BadKeysAreSharedAsync(nodeA, nodeB, countsInDatabase: false);
    }

    private static async Task BadKeysAreSharedAsync(Node nodeA, Node nodeB, bool countsInDatabase)
    {
        var goodKey = await nodeB.AddKeyAsync();
        const string attacker = "203.0.113.7";
        // 20 random keys, half through each node: each is refused as unknown, none is throttled yet.
        for (var i = 0; i < MaxBadKeys; i++)
        {
            var response = await SendAsync(i % 2 == 0 ? nodeA : nodeB, ApiKeyHasher.NewKey(), attacker);
            Assert.Equal(StatusCodes.Status401Unauthorized, response.Response.StatusCode);
        }

        // The 21st (on either node) is 429 with Retry-After; from then on even a valid key from that address is.
        var limited = await SendAsync(nodeA, ApiKeyHasher.NewKey(), attacker);
        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        Assert.StartsWith("application/problem+json", limited.Response.ContentType, StringComparison.Ordinal);
        var retryAfter = int.Parse(limited.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(nodeA, goodKey, attacker)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(nodeB, ApiKeyHasher.NewKey(), attacker)).Response.StatusCode);

        // Once limited, further bad keys cost no round trip: the shared count stops moving.
        var before = countsInDatabase ? await nodeA.CounterTotalAsync() : 0;
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(nodeB, ApiKeyHasher.NewKey(), attacker)).Response.StatusCode);
        }
        if (countsInDatabase)
        {
            Assert.Equal(before, await nodeA.CounterTotalAsync());
        }

        // Another address is not affected, and its valid key works on either node.
        Assert.Equal(StatusCodes.Status200OK, (await SendAsync(nodeB, goodKey, "198.51.100.1")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, (await SendAsync(nodeA, ApiKeyHasher.NewKey(), "198.51.100.1")).Response.StatusCode);
    }

    [Fact]
    public async Task Failed_sign_ins_from_one_address_across_two_nodes_refuse_the_next_unchecked_and_audited()
    {
        var database = Path.Combine(_folder, "shared.db");
        using var nodeA = new Node(database, redis: null, _prefix);
        using var nodeB = new Node(database, redis: null, _prefix);
        var user = await nodeA.CreateUserAsync("duty1", CommandCenter.Data.Identity.Roles.DutyOfficer);
        var limit = new FailureThrottleOptions().MaxFailedSignInsPerMinute;

        // Guessing many user names (each a different account, so no account lockout) from one address, on both nodes.
        for (var i = 0; i < limit; i++)
        {
            var response = await CommandCenterFactory.PostLoginAsync((i % 2 == 0 ? nodeA : nodeB).CreateBrowser(), $"guess{i}", "wrong-password");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The right password of a real account is now refused as locked, without being checked.
        var refused = await CommandCenterFactory.PostLoginAsync(nodeB.CreateBrowser(), "duty1", CommandCenterFactory.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("登录失败次数过多，请 1 分钟后再试", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await nodeA.WithDbAsync(async db =>
        {
            Assert.Equal(0, (await db.Users.SingleAsync(u => u.Id == user.Id)).AccessFailedCount);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AppSignInManager.ThrottledAuditAction && e.UserName == "duty1"));
        });
    }

    private static Task<HttpContext> SendAsync(Node node, string key, string address) =>
        node.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = "/api/me";
            context.Request.Headers[AuthenticationSchemeNames.ApiKeyHeader] = key;
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });

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

    /// <summary>One node: its SQLite file (shared or not), and Redis when given.</summary>
    private sealed class Node(string databasePath, string? redis, string prefix) : CommandCenterFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings
        {
            get
            {
                var settings = new Dictionary<string, string>
                {
                    ["ConnectionStrings:CommandCenter"] = $"Data Source={databasePath}",
                    ["Redis:ChannelPrefix"] = prefix,
                    ["Jobs:RunServer"] = "false",
                };
                if (redis is not null)
                {
                    settings["ConnectionStrings:Redis"] = redis;
                }
                return settings;
            }
        }

        public async Task<string> AddKeyAsync()
        {
            var key = ApiKeyHasher.NewKey();
            await WithDbAsync(async db =>
            {
                db.ApiKeys.Add(new ApiKey
                {
                    Name = "throttle-test", Channel = "grid-worker-app", Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key),
                    Permissions = ApiKeyPermissionNames.Legacy, CreatedAt = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            });
            return key;
        }

        public async Task<int> CounterTotalAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>().FailureCounters.SumAsync(c => c.Count);
        }
    }
}
