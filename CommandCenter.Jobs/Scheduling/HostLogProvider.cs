using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using MicrosoftLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace CommandCenter.Jobs.Scheduling;

/// <summary>
/// Hangfire's log provider is process-wide: with several hosts in one process (the test hosts), the last host to
/// configure Hangfire owns it, and once that host is disposed its LoggerFactory throws. This provider sends Hangfire's
/// logs to the host's loggers while that host lives, and drops them quietly afterwards instead of failing a start-up.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new HostLog(loggerFactory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return DroppedLog.Instance;
        }
    }

    private sealed class HostLog(ILogger logger) : ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = ToMicrosoft(logLevel);
            try
            {
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }
                if (logger.IsEnabled(level))
                {
                    logger.Log(level, 0, exception, "{Message}", messageFunc());
                }
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static MicrosoftLogLevel ToMicrosoft(HangfireLogLevel level) => level switch
        {
            HangfireLogLevel.Trace => MicrosoftLogLevel.Trace,
            HangfireLogLevel.Debug => MicrosoftLogLevel.Debug,
            HangfireLogLevel.Info => MicrosoftLogLevel.Information,
            HangfireLogLevel.Warn => MicrosoftLogLevel.Warning,
            HangfireLogLevel.Error => MicrosoftLogLevel.Error,
            _ => MicrosoftLogLevel.Critical,
        };
    }

    private sealed class DroppedLog : ILog
    {
        public static readonly DroppedLog Instance = new();

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
