using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Data.Live;

/// <summary>The single-node feed: notices go straight to this process's subscribers.</summary>
public sealed class InProcessLiveFeed(ILogger<InProcessLiveFeed> logger) : ILiveFeed
{
    private ImmutableArray<Func<ChangeNotice, ValueTask>> _handlers = [];

    public async ValueTask PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler(notice);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A live-feed subscriber failed on {Kind} {Id}", notice.Kind, notice.EntityId);
            }
        }
    }

    public IDisposable Subscribe(Func<ChangeNotice, ValueTask> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(this, handler);
    }

    private sealed class Subscription(InProcessLiveFeed feed, Func<ChangeNotice, ValueTask> handler) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref feed._handlers, list => list.Remove(handler));
    }
}
