using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Authentication;

/// <summary>The open hub connections of this node (live hub and Blazor circuits), for <see cref="HubConnectionRevalidator"/>.</summary>
public sealed class HubConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(HubCallerContext connection) => _connections[connection.ConnectionId] = connection;

    public void Remove(HubCallerContext connection) => _connections.TryRemove(connection.ConnectionId, out _);

    public IReadOnlyCollection<HubCallerContext> Snapshot() => [.. _connections.Values];
}

/// <summary>Registers every hub connection while it is open.</summary>
public sealed class RevalidatingHubFilter(HubConnectionRegistry registry) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        registry.Add(context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        registry.Remove(context.Context);
        await next(context, exception);
    }
}

/// <summary>
/// A WebSocket outlives the cookie check: every <see cref="SecurityOptions.RevalidationInterval"/> this ends the hub
/// connections (and circuits) of users who were disabled or whose security stamp changed (password reset, new roles),
/// and of API keys that were revoked. Each node checks its own connections against the database.
/// </summary>
public sealed class HubConnectionRevalidator(
    HubConnectionRegistry registry,
    UserDirectory directory,
    IOptions<SecurityOptions> security,
    IOptions<IdentityOptions> identity,
    TimeProvider time,
    ILogger<HubConnectionRevalidator> logger) : BackgroundService
{
    private const string KeyPrefix = "apikey:";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(security.Value.RevalidationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RevalidateAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Re-validating hub connections failed; trying again in {Interval}", security.Value.RevalidationInterval);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Ends the connections that are no longer valid; returns how many.</summary>
    public async Task<int> RevalidateAsync(CancellationToken cancellationToken)
    {
        var connections = registry.Snapshot().Where(c => IdOf(c) is not null).ToList();
        if (connections.Count == 0)
        {
            return 0;
        }
        var ids = connections.Select(IdOf).Distinct(StringComparer.Ordinal).ToList();
        var userIds = ids.OfType<string>().Where(id => !id.StartsWith(KeyPrefix, StringComparison.Ordinal)).ToList();
        var keyIds = ids.Select(KeyIdOf).OfType<int>().ToList();
        var (users, liveKeys) = await directory.SessionStatesAsync(userIds, keyIds, cancellationToken);

        var stampClaim = identity.Value.ClaimsIdentity.SecurityStampClaimType;
        var ended = 0;
        foreach (var connection in connections)
        {
            var id = IdOf(connection)!;
            var valid = KeyIdOf(id) is { } keyId
                ? liveKeys.Contains(keyId)
                : users.TryGetValue(id, out var user) && !user.Disabled
                  && (connection.User?.FindFirstValue(stampClaim) is not { } stamp || stamp == user.SecurityStamp);
            if (!valid)
            {
                connection.Abort();
                registry.Remove(connection);
                ended++;
            }
        }
        if (ended > 0)
        {
            logger.LogInformation("Ended {Count} hub connection(s) of disabled users, changed sign-ins or revoked keys", ended);
        }
        return ended;
    }

    private static string? IdOf(HubCallerContext connection) => connection.User?.FindFirstValue(ClaimTypes.NameIdentifier);

    private static int? KeyIdOf(string? id) =>
        id is not null && id.StartsWith(KeyPrefix, StringComparison.Ordinal) && int.TryParse(id.AsSpan(KeyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            ? key
            : null;
}
