using Microsoft.Extensions.DependencyInjection;
using CommandCenter.Data.Live;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace CommandCenter.Web.Live;

public static class RedisScaleOut
{
    /// <summary>
    /// Chains the SignalR Redis backplane when ConnectionStrings:Redis is set, so a hub message sent on one node reaches
    /// clients connected to any node. Uses the same channel prefix as the live feed (Redis:ChannelPrefix).
    /// </summary>
    public static ISignalRServerBuilder AddCommandCenterRedisBackplane(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(RedisOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return signalR;
        }
        var redis = new RedisOptions();
        configuration.GetSection(RedisOptions.SectionName).Bind(redis);
        return signalR.AddStackExchangeRedis(connectionString, o =>
        {
            o.Configuration.AbortOnConnectFail = false;
            o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.SignalRPrefix);
        });
    }
}
