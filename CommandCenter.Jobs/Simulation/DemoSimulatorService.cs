using CommandCenter.Data.Demo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Jobs.Simulation;

/// <summary>Runs <see cref="DemoSimulator"/> on a timer in demo mode. Registered only when demo mode and Demo:Simulator:Enabled are on.</summary>
public sealed partial class DemoSimulatorService(
    DemoSimulator simulator, IOptions<DemoOptions> options, TimeProvider time, ILogger<DemoSimulatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var simulatorOptions = options.Value.Simulator;
        LogStarted(logger, simulatorOptions.IncidentsPerHour, simulatorOptions.Acceleration);
        using var timer = new PeriodicTimer(simulatorOptions.TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await simulator.TickAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed tick (database busy, a restart of Redis…) must not end the demo.
                    LogTickFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo simulator started: {PerHour} incidents/hour at the peak, acceleration ×{Acceleration}")]
    private static partial void LogStarted(ILogger logger, double perHour, double acceleration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo simulator: a tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception ex);
}
