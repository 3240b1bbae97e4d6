using CommandCenter.Data.Measures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Data.Analytics;

public static class AnalyticsRegistration
{
    /// <summary>The rollup and snapshot builders, the analytics reader and the validated options.</summary>
    public static IServiceCollection AddCommandCenterAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnalyticsOptions>()
            .Bind(configuration.GetSection(AnalyticsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<MeasuresOptions>()
            .Bind(configuration.GetSection(MeasuresOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IncidentRollupBuilder>();
        services.AddSingleton<NodeSnapshotBuilder>();
        services.AddSingleton<AnalyticsReader>();
        return services;
    }
}
