using System.Collections.Immutable;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// The console's one-second clock (SLA countdowns, overdue times): one timer for the node, started by the first
/// subscriber. A subscriber gets the current UTC time each second; dispose the subscription with the component.
/// </summary>
public sealed class ConsoleClock(TimeProvider time, ILogger<ConsoleClock> logger) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private ImmutableArray<Func<DateTime, Task>> _subscribers = [];
    private ITimer? _timer;

    /// <summary>Subscribes to the ticks; the callback should go through the component's InvokeAsync.</summary>
    public IDisposable Subscribe(Func<DateTime, Task> onTick)
    {
        lock (_lock)
        {
            _subscribers = _subscribers.Add(onTick);
            _timer ??= time.CreateTimer(_ => Tick(), null, Interval, Interval);
        }
        return new Subscription(this, onTick);
    }

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    private void Tick()
    {
        var now = UtcNow;
        foreach (var subscriber in _subscribers)
        {
            _ = NotifyAsync(subscriber, now);
        }
    }

    private async Task NotifyAsync(Func<DateTime, Task> subscriber, DateTime now)
    {
        try
        {
            await subscriber(now);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            // The component went away between the tick and its render.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A console clock subscriber failed");
        }
    }

    private void Unsubscribe(Func<DateTime, Task> onTick)
    {
        lock (_lock)
        {
            _subscribers = _subscribers.Remove(onTick);
        }
    }

    public void Dispose() => _timer?.Dispose();

    private sealed class Subscription(ConsoleClock clock, Func<DateTime, Task> onTick) : IDisposable
    {
        public void Dispose() => clock.Unsubscribe(onTick);
    }
}
