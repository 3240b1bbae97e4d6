using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Live;
using CommandCenter.Web.Components.Wall;

namespace CommandCenter.Web.Live;

/// <summary>
/// On every <see cref="ChangeKind.Resync"/> (published on any node, e.g. after an applied import) this node drops its
/// grid polygons for point-in-polygon placement, the wall's projected maps and the wall's base numbers, so imported
/// boundaries and registries show at once.
/// </summary>
public sealed class ResyncCacheInvalidation(ILiveFeed liveFeed, GridLocator gridLocator, WallMapGeometry mapGeometry, WallBaseData baseData) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = liveFeed.Subscribe(notice =>
        {
            if (notice.Kind == ChangeKind.Resync)
            {
                gridLocator.Invalidate();
                mapGeometry.Invalidate();
                baseData.Invalidate();
            }
            return ValueTask.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
