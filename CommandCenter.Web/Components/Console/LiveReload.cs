using CommandCenter.Data.Live;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// A console component's reload on live changes: a signal (a live snapshot that matters to the component, or the
/// optional safety interval) schedules one reload after the debounce; signals while one is scheduled join it. A newer
/// reload cancels one still in flight, errors are logged rather than thrown, and disposing stops it all. The reload and
/// the re-render run on the component's renderer through <c>dispatch</c> (pass the component's InvokeAsync).
/// </summary>
public sealed class LiveReload : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _debounce;
    private readonly Func<CancellationToken, Task> _reload;
    private readonly Func<Func<Task>, Task> _dispatch;
    private readonly CancellationTokenSource _disposed = new();
    private readonly IDisposable? _subscription;
    private readonly ITimer? _safety;
    private CancellationTokenSource? _inFlight;
    private int _scheduled;

    /// <param name="reload">Reads again and updates the component's fields; the component is re-rendered after it.</param>
    /// <param name="render">The component's StateHasChanged.</param>
    public LiveReload(
        TimeProvider time, ILogger logger, TimeSpan debounce, Func<CancellationToken, Task> reload, Action render, Func<Func<Task>, Task> dispatch,
        LiveMetrics? live = null, Func<LiveSnapshot, bool>? matters = null, TimeSpan? every = null)
    {
        _time = time;
        _logger = logger;
        _debounce = debounce;
        _reload = async token =>
        {
            await reload(token);
            render();
        };
        _dispatch = dispatch;
        if (live is not null)
        {
            _subscription = live.Subscribe(snapshot =>
            {
                if (matters?.Invoke(snapshot) ?? true)
                {
                    Signal();
                }
                return Task.CompletedTask;
            });
        }
        if (every is { } period)
        {
            _safety = time.CreateTimer(_ => Signal(), null, period, period);
        }
    }

    /// <summary>How many reloads ran to the end (for tests).</summary>
    public int Completed { get; private set; }

    /// <summary>Asks for a reload after the debounce; a no-op while one is already scheduled or after disposal.</summary>
    public void Signal()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;
        }
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(_debounce, _time, _disposed.Token);
            Interlocked.Exchange(ref _scheduled, 0);
            await _dispatch(async () =>
            {
                var previous = _inFlight;
                using var current = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
                _inFlight = current;
                if (previous is not null)
                {
                    await previous.CancelAsync();
                }
                try
                {
                    await _reload(current.Token);
                    Completed++;
                }
                finally
                {
                    if (ReferenceEquals(_inFlight, current))
                    {
                        _inFlight = null;
                    }
                }
            });
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && _disposed.IsCancellationRequested)
        {
            // Disposed while waiting or reading: the component is gone.
        }
        catch (OperationCanceledException)
        {
            // A newer reload took over.
        }
        catch (Exception ex)
        {
            Interlocked.Exchange(ref _scheduled, 0);
            _logger.LogWarning(ex, "Live reload failed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_safety is not null)
        {
            await _safety.DisposeAsync();
        }
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
