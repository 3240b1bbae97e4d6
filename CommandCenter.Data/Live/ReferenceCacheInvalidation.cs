using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Data.Live;

/// <summary>
/// Reference data is cached per node (the category catalogue of the intake, the grid polygons of point-in-polygon
/// placement). A <see cref="ChangeKind.Resync"/> notice — published after an administrator's edit or an import, on
/// any node — drops those caches here, so the next report reads what was committed.
/// </summary>
internal sealed class ReferenceCacheInvalidation(ILiveFeed feed, IncidentIntakeService intake, GridLocator grids) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(notice =>
        {
            if (notice.Kind == ChangeKind.Resync)
            {
                intake.InvalidateCategories();
                grids.Invalidate();
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
