using CommandCenter.Jobs.Scheduling;
using Microsoft.Extensions.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace CommandCenter.Jobs.Tests.Scheduling;

public class HostLogProviderTests
{
    [Fact]
    public void Logs_reach_the_host_while_it_lives_and_are_dropped_after_it_is_disposed()
    {
        var sink = new List<string>();
        var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Information).AddProvider(new ListLoggerProvider(sink)));
        var provider = new HostLogProvider(factory);

        var log = provider.GetLogger("Hangfire.Server");
        Assert.True(log.Log(HangfireLogLevel.Info, () => "server started"));
        Assert.True(log.Log(HangfireLogLevel.Info, null));
        Assert.False(log.Log(HangfireLogLevel.Debug, null));
        Assert.Equal(["server started"], sink);

        factory.Dispose();

        // A host started after this one was disposed still gets a logger (Hangfire's provider is process-wide).
        var late = provider.GetLogger("Hangfire.Client");
        Assert.False(late.Log(HangfireLogLevel.Error, () => "lost", new InvalidOperationException()));
    }

    private sealed class ListLoggerProvider(List<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(sink);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Add(formatter(state, exception));
        }
    }
}
