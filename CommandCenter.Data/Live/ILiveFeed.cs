namespace CommandCenter.Data.Live;

/// <summary>
/// The change feed: services publish a notice after each commit that changes what a screen shows; subscribers
/// (live metrics, the hub) receive every notice published on any node. In-process by default, Redis pub/sub when
/// ConnectionStrings:Redis is set.
/// </summary>
public interface ILiveFeed
{
    /// <summary>Publishes after the commit; never throws for a subscriber's failure.</summary>
    ValueTask PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default);

    /// <summary>Receives every notice until the subscription is disposed. Handlers must be quick (queue work, don't do it).</summary>
    IDisposable Subscribe(Func<ChangeNotice, ValueTask> handler);
}
