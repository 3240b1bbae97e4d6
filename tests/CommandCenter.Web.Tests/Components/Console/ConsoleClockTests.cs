using CommandCenter.Web.Components.Console;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Components.Console;

public sealed class ConsoleClockTests
{
    [Fact]
    public void Subscribers_get_each_second_until_they_unsubscribe()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        using var clock = new ConsoleClock(time, NullLogger<ConsoleClock>.Instance);
        var a = new List<DateTime>();
        var b = new List<DateTime>();
        var first = clock.Subscribe(now => { a.Add(now); return Task.CompletedTask; });
        using var second = clock.Subscribe(now => { b.Add(now); return Task.CompletedTask; });

        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        first.Dispose();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([time.GetUtcNow().UtcDateTime.AddSeconds(-2), time.GetUtcNow().UtcDateTime.AddSeconds(-1)], a);
        Assert.Equal(3, b.Count);
    }
}
