using CommandCenter.Data.Live;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Web.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Live;

/// <summary>
/// /hubs/live: live numbers for outside clients (cookie or X-Api-Key). A client joins a hierarchy node by code and
/// receives its snapshot with a sequence number, then "Delta" messages with increasing sequence numbers; on a gap
/// (or after a reconnect) it calls <see cref="GetSnapshot"/> (or joins again). A scoped user or key may only
/// join nodes inside its scope.
/// </summary>
[Authorize]
public sealed class LiveHub(LiveHubFanOut fanOut, IOptions<LiveOptions> options) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";
    private const string JoinedKey = "live:joined";

    public async Task<LiveNodeSnapshot> Join(string nodeCode)
    {
        CheckNode(nodeCode);
        var joined = Joined();
        if (!joined.Contains(nodeCode))
        {
            if (joined.Count >= options.Value.MaxJoinsPerConnection)
            {
                throw new HubException($"At most {options.Value.MaxJoinsPerConnection} nodes per connection.");
            }
            await Groups.AddToGroupAsync(Context.ConnectionId, fanOut.GroupName(nodeCode), Context.ConnectionAborted);
            joined.Add(nodeCode);
            return fanOut.Join(nodeCode);
        }
        return fanOut.Snapshot(nodeCode);
    }

    public async Task Leave(string nodeCode)
    {
        var joined = Joined();
        if (joined.Remove(nodeCode))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, fanOut.GroupName(nodeCode), Context.ConnectionAborted);
            fanOut.Leave(nodeCode);
        }
    }

    /// <summary>The node's full numbers at the group's current sequence: the re-sync after a gap.</summary>
    public Task<LiveNodeSnapshot> GetSnapshot(string nodeCode)
    {
        CheckNode(nodeCode);
        return Task.FromResult(fanOut.Snapshot(nodeCode));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var code in Joined())
        {
            fanOut.Leave(code);
        }
        Joined().Clear();
        return base.OnDisconnectedAsync(exception);
    }

    private void CheckNode(string nodeCode)
    {
        if (!HierarchyCode.IsValid(nodeCode))
        {
            throw new HubException("A node code is a district, street, community or grid code (6, 9, 12 or 15 digits).");
        }
        var scope = Context.User?.FindFirst(CommandCenterClaims.Scope)?.Value;
        if (!HierarchyCode.IsWithin(nodeCode, scope))
        {
            throw new HubException("That node lies outside your area.");
        }
    }

    private HashSet<string> Joined()
    {
        if (Context.Items.TryGetValue(JoinedKey, out var value) && value is HashSet<string> set)
        {
            return set;
        }
        var joined = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[JoinedKey] = joined;
        return joined;
    }
}
