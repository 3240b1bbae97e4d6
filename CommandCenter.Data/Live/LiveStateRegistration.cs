using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Data.Live;

public static class LiveStateRegistration
{
    /// <summary>The live numbers: loaded at start, kept current by the live feed (<see cref="LiveMetrics"/>), with validated options.</summary>
    public static IServiceCollection AddCommandCenterLiveState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>()
            .Bind(configuration.GetSection(LiveOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<LiveMetrics>();
        services.AddHostedService<LiveMetricsService>();
        return services;
    }
}
