using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CommandCenter.Data;
using System.Threading.Channels;
using CommandCenter.Data.Live;

namespace CommandCenter.Data.Live;

/// <summary>
/// Feeds <see cref="LiveMetrics"/>: subscribes to the live feed before the first load (so nothing is missed), applies
/// notices as they arrive, and reloads on <see cref="ChangeKind.Resync"/>, at the China-local midnight, and after a
/// failed load (with back-off).
/// </summary>
internal sealed class LiveMetricsService(LiveMetrics metrics, ILiveFeed feed, TimeProvider time, ILogger<LiveMetricsService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly Channel<bool> _reload = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(OnNoticeAsync);
        _reload.Writer.TryWrite(true);
        var midnight = MidnightLoopAsync(stoppingToken);
        try
        {
            while (await _reload.Reader.WaitToReadAsync(stoppingToken))
            {
                _reload.Reader.TryRead(out _);
                try
                {
                    await metrics.ReloadAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Live metrics could not load; retrying in {Delay}", RetryDelay);
                    await Task.Delay(RetryDelay, time, stoppingToken);
                    _reload.Writer.TryWrite(true);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await midnight;
    }

    private ValueTask OnNoticeAsync(ChangeNotice notice)
    {
        if (notice.Kind is ChangeKind.Resync or ChangeKind.ReferenceDataChanged)
        {
            _reload.Writer.TryWrite(true);
            return ValueTask.CompletedTask;
        }
        metrics.Apply(notice);
        if (metrics.IsDayOver)
        {
            _reload.Writer.TryWrite(true);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Today's counters start again at 00:00 China time, changes or not.</summary>
    private async Task MidnightLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow().UtcDateTime;
                var next = ChinaDay.Bounds(ChinaDay.Of(now)).End;
                await Task.Delay(next - now + TimeSpan.FromMilliseconds(50), time, stoppingToken);
                _reload.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
