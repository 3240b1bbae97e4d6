using CommandCenter.Data.Live;

namespace CommandCenter.Web.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>Live metrics (loaded at start, fed by the live feed) and the hub's fan-out. The hub itself needs AddSignalR().</summary>
    public static IServiceCollection AddCommandCenterLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCommandCenterLiveState(configuration);
        services.AddSingleton<LiveHubFanOut>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveHubFanOut>());
        return services;
    }
}
