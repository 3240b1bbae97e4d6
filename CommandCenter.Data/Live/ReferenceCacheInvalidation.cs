using Microsoft.Extensions.Hosting;

namespace CommandCenter.Data.Live;

/// <summary>
/// Reference data is cached per node (the category catalogue of the intake, the grid polygons of point-in-polygon
/// placement, the wall's map and base numbers). A <see cref="ChangeKind.ReferenceDataChanged"/> notice — published after an
/// administrator's edit or an import, on any node — drops every <see cref="IReferenceDataCache"/> here, so the next
/// read sees what was committed.
/// </summary>
internal sealed class ReferenceCacheInvalidation(ILiveFeed feed, IEnumerable<IReferenceDataCache> caches) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(notice =>
        {
            if (notice.Kind == ChangeKind.ReferenceDataChanged)
            {
                foreach (var cache in caches)
                {
                    cache.Invalidate();
                }
            }
            return ValueTask.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }
}
