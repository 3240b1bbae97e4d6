using System.Net;

namespace CommandCenter.Web.Security;

/// <summary>
/// The "Network" configuration section: the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.
/// None by default, so forwarded headers are ignored and nobody can claim another address or HTTPS.
/// </summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool HasProxies => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<IPAddress> ParseProxies() => KnownProxies.Select(p =>
        IPAddress.TryParse(p.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"{SectionName}:{nameof(KnownProxies)}: '{p}' is not an IP address."));

    public IEnumerable<System.Net.IPNetwork> ParseNetworks() => KnownNetworks.Select(n =>
        System.Net.IPNetwork.TryParse(n.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"{SectionName}:{nameof(KnownNetworks)}: '{n}' is not a network in CIDR form (10.0.0.0/24)."));
}
