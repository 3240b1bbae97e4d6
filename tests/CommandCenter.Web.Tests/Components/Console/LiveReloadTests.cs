using CommandCenter.Web.Components.Console;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>The console's shared reload: debounced, cancellable, quiet on errors, stopped by disposal.</summary>
public sealed class LiveReloadTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1);

    private sealed class Counter
    {
        public int Reloads;
        public int Renders;
    }

    private static LiveReload Create(FakeTimeProvider time, Counter counter, Func<CancellationToken, Task>? reload = null, TimeSpan? every = null) =>
        new(time, NullLogger.Instance, Debounce, reload ?? (_ => { Interlocked.Increment(ref counter.Reloads); return Task.CompletedTask; }),
            () => Interlocked.Increment(ref counter.Renders), work => work(), every: every);

    [Fact]
    public async Task A_burst_of_signals_causes_one_reload_and_one_render()
    {
        var time = new FakeTimeProvider();
        var counter = new Counter();
        await using var live = Create(time, counter);

        for (var n = 0; n < 25; n++)
        {
            live.Signal();
        }
        time.Advance(Debounce);
        await WaitUntilAsync(() => live.Completed == 1);

        Assert.Equal(1, counter.Reloads);
        Assert.Equal(1, counter.Renders);
        live.Signal(); // a later signal is a new reload
        time.Advance(Debounce);
        await WaitUntilAsync(() => live.Completed == 2);
        Assert.Equal(2, counter.Reloads);
    }

    [Fact]
    public async Task Dispose_stops_scheduled_and_periodic_reloads()
    {
        var time = new FakeTimeProvider();
        var counter = new Counter();
        var live = Create(time, counter, every: TimeSpan.FromSeconds(30));

        live.Signal();
        await live.DisposeAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        live.Signal();
        await Task.Delay(100);

        Assert.Equal(0, counter.Reloads);
    }

    [Fact]
    public async Task A_failing_reload_is_logged_and_the_next_signal_reloads_again()
    {
        var time = new FakeTimeProvider();
        var counter = new Counter();
        var calls = 0;
        await using var live = Create(time, counter, _ => ++calls == 1 ? throw new InvalidOperationException("database down") : Task.CompletedTask);

        live.Signal();
        time.Advance(Debounce);
        await WaitUntilAsync(() => calls == 1);
        live.Signal();
        time.Advance(Debounce);
        await WaitUntilAsync(() => live.Completed == 1);

        Assert.Equal(2, calls);
        Assert.Equal(1, counter.Renders);
    }

    [Fact]
    public async Task A_newer_reload_cancels_the_one_in_flight()
    {
        var time = new FakeTimeProvider();
        var counter = new Counter();
        var first = new TaskCompletionSource();
        var cancelled = false;
        var calls = 0;
        await using var live = Create(time, counter, async token =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                first.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    cancelled = true;
                    throw;
                }
            }
        });

        live.Signal();
        time.Advance(Debounce);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(5));
        live.Signal();
        time.Advance(Debounce);
        await WaitUntilAsync(() => live.Completed == 1);

        Assert.True(cancelled);
        Assert.Equal(1, counter.Renders);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out");
            await Task.Delay(10);
        }
    }
}
