using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Live;

/// <summary>
/// Sends deltas to the hub's node groups: collects the applied notices per joined node on the notice's path
/// (district, street, community, grid) and, every hub interval (100 ms by default), sends each such group one delta with the
/// node's numbers and its changes. Groups are named per process (this node's connections only), so with the Redis
/// backplane every node fans out to its own clients, with its own sequence numbers, exactly once.
/// </summary>
public sealed class LiveHubFanOut(
    LiveMetrics metrics,
    IHubContext<LiveHub, ILiveClient> hub,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<LiveHubFanOut> logger) : BackgroundService
{
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly Lock _lock = new();
    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);
    private bool _resynced;

    private sealed class GroupState
    {
        public int Members { get; set; }
        public long Sequence { get; set; }
        public NodeMetrics? LastSent { get; set; }
        public List<LiveChange> Pending { get; } = [];
        public int Dropped { get; set; }
    }

    public string GroupName(string nodeCode) => $"live:{_instance}:{nodeCode}";

    /// <summary>Registers a member and returns the node's snapshot at the group's current sequence.</summary>
    internal LiveNodeSnapshot Join(string nodeCode)
    {
        lock (_lock)
        {
            if (!_groups.TryGetValue(nodeCode, out var group))
            {
                _groups[nodeCode] = group = new GroupState();
            }
            group.Members++;
            var snapshot = SnapshotLocked(nodeCode, group);
            group.LastSent ??= snapshot.Metrics;
            return snapshot;
        }
    }

    internal void Leave(string nodeCode)
    {
        lock (_lock)
        {
            if (_groups.TryGetValue(nodeCode, out var group) && --group.Members <= 0)
            {
                _groups.Remove(nodeCode);
            }
        }
    }

    /// <summary>The node's numbers at the group's current sequence (0 when nobody on this process joined it).</summary>
    internal LiveNodeSnapshot Snapshot(string nodeCode)
    {
        lock (_lock)
        {
            return SnapshotLocked(nodeCode, _groups.GetValueOrDefault(nodeCode));
        }
    }

    private LiveNodeSnapshot SnapshotLocked(string nodeCode, GroupState? group)
    {
        var current = metrics.Current;
        var node = current.Node(nodeCode) ?? NodeMetrics.Zero(nodeCode, string.Empty, HierarchyCode.LevelOf(nodeCode) ?? HierarchyLevel.Grid);
        return new LiveNodeSnapshot(nodeCode, group?.Sequence ?? 0, current.BuiltAt, current.Loaded, node, current.NewestIn(nodeCode));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var observer = metrics.Observe(OnChange);
        using var timer = new PeriodicTimer(options.Value.HubInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnChange(ChangeNotice? notice)
    {
        var path = notice is null ? [] : metrics.PathOf(notice.GridId);
        lock (_lock)
        {
            if (_groups.Count == 0)
            {
                return;
            }
            if (notice is null)
            {
                _resynced = true;
                return;
            }
            var change = LiveChange.Of(notice);
            foreach (var code in path)
            {
                if (_groups.TryGetValue(code, out var group))
                {
                    if (group.Pending.Count < options.Value.MaxChangesPerDelta)
                    {
                        group.Pending.Add(change);
                    }
                    else
                    {
                        group.Dropped++;
                    }
                }
            }
        }
    }

    /// <summary>
    /// One delta per group with changes (or, after a reload, with changed numbers). The sends start together and are not
    /// awaited one after another: a member whose socket is slow holds back only its own later deltas (SignalR queues a
    /// connection's writes in order behind its write lock, and its transport send timeout ends a stuck connection), not the
    /// other groups or the next tick. (Behind the Redis backplane the group's message makes a round trip through Redis and
    /// SignalR's subscription writes it to the group's members before that group's next one.) Each group's message is
    /// serialised once for all its members by SignalR.
    /// </summary>
    internal void Flush()
    {
        List<(string Code, LiveDelta Delta)> deltas = [];
        lock (_lock)
        {
            if (_groups.Count == 0)
            {
                _resynced = false;
                return;
            }
            var resynced = _resynced;
            _resynced = false;
            LiveSnapshot? current = null;
            foreach (var (code, group) in _groups)
            {
                if (group.Pending.Count == 0 && !resynced)
                {
                    continue;
                }
                current ??= metrics.Current;
                var node = current.Node(code) ?? NodeMetrics.Zero(code, string.Empty, HierarchyCode.LevelOf(code) ?? HierarchyLevel.Grid);
                if (group.Pending.Count == 0 && node == group.LastSent)
                {
                    continue; // a reload that changed nothing here
                }
                group.Sequence++;
                group.LastSent = node;
                deltas.Add((code, new LiveDelta(code, group.Sequence, current.BuiltAt, node, [.. group.Pending], group.Dropped, resynced)));
                group.Pending.Clear();
                group.Dropped = 0;
            }
        }
        foreach (var (code, delta) in deltas)
        {
            Task send;
            try
            {
                send = hub.Clients.Group(GroupName(code)).Delta(delta);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not send a live delta to {Node}", code);
                continue;
            }
            if (!send.IsCompletedSuccessfully)
            {
                _ = ObserveAsync(send, code);
            }
        }
    }

    private async Task ObserveAsync(Task send, string code)
    {
        try
        {
            await send;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not send a live delta to {Node}", code);
        }
    }
}
