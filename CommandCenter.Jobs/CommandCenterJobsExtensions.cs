using CommandCenter.Data.Demo;
using CommandCenter.Data.Providers;
using CommandCenter.Jobs.Analytics;
using CommandCenter.Jobs.Auditing;
using CommandCenter.Jobs.Imports;
using CommandCenter.Jobs.Incidents;
using CommandCenter.Jobs.Live;
using CommandCenter.Jobs.Scheduling;
using CommandCenter.Jobs.Simulation;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Jobs;

public static class CommandCenterJobsExtensions
{
    /// <summary>
    /// Hangfire with storage chosen by Database:Provider, the job classes, and the hosted service that schedules them.
    /// Storage, activator and clients are per service provider, never Hangfire's process-wide statics.
    /// </summary>
    public static IServiceCollection AddCommandCenterJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>()
            .Bind(configuration.GetSection(JobsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Registered before AddHangfire, whose TryAdd would otherwise hand out JobStorage.Current / JobActivator.Current.
        // Hangfire's log provider is process-wide; resolving the configuration first points it at this host's loggers,
        // and HostLogProvider drops logs rather than throwing when another host that took it over has been disposed.
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            return JobStorageFactory.Create(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        var jobs = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.RunServer)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                // Well inside the host's 30 s shutdown: a job that does not stop in time is abandoned and runs again
                // on the next start (every job here is idempotent), rather than failing the whole stop.
                server.ShutdownTimeout = TimeSpan.FromSeconds(10);
            });
        }

        services.AddTransient<AuditChainVerificationJob>();
        services.AddTransient<SlaWatchJob>();
        services.AddTransient<LiveMetricsResyncJob>();
        services.AddTransient<AnalyticsRollupJob>();
        services.AddTransient<NodeSnapshotJob>();
        services.AddTransient<AnalyticsRebuildJob>();
        services.AddTransient<ImportJob>();
        services.AddHostedService<RecurringJobRegistration>();

        // The live demo: only in demo mode (the same rule as the demo seeding), and only when not switched off.
        var demo = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        if (DemoOptions.IsDemoMode(configuration) && demo.Simulator.Enabled)
        {
            services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));
            services.AddSingleton<DemoSimulator>();
            services.AddHostedService<DemoSimulatorService>();
        }
        return services;
    }
}
