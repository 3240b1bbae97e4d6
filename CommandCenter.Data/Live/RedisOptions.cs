namespace CommandCenter.Data.Live;

/// <summary>
/// The "Redis" section. Redis is used when ConnectionStrings:Redis is set: the live feed's pub/sub channel and the
/// SignalR backplane share one prefix, so several deployments can share a Redis server.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";
    public const string ConnectionStringName = "Redis";

    /// <summary>Channel prefix: the live feed publishes on "{prefix}:live", SignalR uses "{prefix}:signalr".</summary>
    public string ChannelPrefix { get; set; } = "commandcenter";

    public string LiveChannel => ChannelPrefix + ":live";

    public string SignalRPrefix => ChannelPrefix + ":signalr";
}
