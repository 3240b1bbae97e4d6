using Microsoft.Extensions.Logging;
using System.Threading.Channels;

namespace CommandCenter.Data.Live;

/// <summary>
/// One in-process subscriber: change signals collapse into at most one callback per interval, carrying the latest
/// snapshot. The first change after a quiet interval goes out at once; a burst ends with one update at its end.
/// </summary>
internal sealed class CoalescingSubscription : IDisposable
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly LiveMetrics _metrics;
    private readonly Func<LiveSnapshot, Task> _onChange;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _disposed;

    public CoalescingSubscription(LiveMetrics metrics, Func<LiveSnapshot, Task> onChange, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        (_metrics, _onChange, _interval, _time, _logger) = (metrics, onChange, interval, time, logger);
        _ = Task.Run(LoopAsync);
    }

    public Action? OnDispose { get; set; }

    public void Signal() => _signal.Writer.TryWrite(true);

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        var last = DateTimeOffset.MinValue;
        try
        {
            while (await _signal.Reader.WaitToReadAsync(token))
            {
                _signal.Reader.TryRead(out _);
                var wait = last == DateTimeOffset.MinValue ? TimeSpan.Zero : last + _interval - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, token);
                }
                _signal.Reader.TryRead(out _); // whatever came during the wait is in this update
                last = _time.GetUtcNow();
                try
                {
                    await _onChange(_metrics.Current);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogWarning(ex, "A live-metrics subscriber failed");
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            OnDispose?.Invoke();
            _stop.Cancel();
            _signal.Writer.TryComplete();
            _stop.Dispose();
        }
    }
}
