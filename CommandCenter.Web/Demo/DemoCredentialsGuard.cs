using System.Net;
using CommandCenter.Data.Demo;

namespace CommandCenter.Web.Demo;

/// <summary>
/// Demo credentials never face a network: in demo mode, with the default demo password or the default demo key, the
/// app may listen on loopback only. Anything else (0.0.0.0, ::, *, +, a LAN address or host name, ASPNETCORE_HTTP_PORTS)
/// stops the start with the reason and the fix. Setting <c>Demo:Password</c> lifts it; the default demo key is then
/// still kept off the network: <see cref="DemoAccounts"/> revokes it instead of seeding it (set <c>Demo:ApiKey</c> for a key).
/// </summary>
public static class DemoCredentialsGuard
{
    /// <summary>The defaults of <see cref="DemoOptions"/>, which anyone can read in this repository.</summary>
    public static readonly string DefaultPassword = new DemoOptions().Password;

    public static readonly string DefaultApiKey = new DemoOptions().ApiKey;

    /// <summary>Throws when <see cref="Problem"/> finds one.</summary>
    public static void ThrowIfExposed(IConfiguration configuration, DemoOptions demo, ILogger logger)
    {
        if (Problem(configuration, demo) is { } problem)
        {
            logger.LogCritical("Refusing to start: {Problem}", problem);
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>Why this configuration would put default demo credentials on a network, or null when it would not.</summary>
    public static string? Problem(IConfiguration configuration, DemoOptions demo)
    {
        if (demo.Enabled != true)
        {
            return null;
        }
        if (demo.Password != DefaultPassword)
        {
            return null;
        }
        var exposed = Exposed(configuration);
        if (exposed.Count == 0)
        {
            return null;
        }
        var defaults = demo.ApiKey == DefaultApiKey
            ? "the default demo password (set Demo:Password) and the default demo API key (set Demo:ApiKey)"
            : "the default demo password (set Demo:Password)";
        return $"demo mode would serve {defaults} on {string.Join(", ", exposed)}, which is not a loopback address. "
            + "Set Demo:Password and Demo:ApiKey to values of your own, or listen on loopback only (--urls http://127.0.0.1:5000).";
    }

    /// <summary>True when the default demo key would face a network: demo mode then revokes it rather than seeding it.</summary>
    public static bool DefaultKeyExposed(IConfiguration configuration, DemoOptions demo) =>
        demo.Enabled == true && demo.ApiKey == DefaultApiKey && Exposed(configuration).Count > 0;

    private static List<string> Exposed(IConfiguration configuration) =>
        [.. ListeningAddresses(configuration).Where(a => !IsLoopback(a))];

    /// <summary>
    /// The addresses Kestrel is told to listen on: Kestrel:Endpoints:*:Url, urls (--urls, ASPNETCORE_URLS, appsettings
    /// Urls) and http_ports/https_ports (ASPNETCORE_HTTP_PORTS, which bind every interface). None: Kestrel's localhost:5000.
    /// </summary>
    public static IEnumerable<string> ListeningAddresses(IConfiguration configuration)
    {
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
        foreach (var url in Split(configuration["urls"]))
        {
            yield return url;
        }
        foreach (var port in Split(configuration["http_ports"]))
        {
            yield return $"http://*:{port}";
        }
        foreach (var port in Split(configuration["https_ports"]))
        {
            yield return $"https://*:{port}";
        }
    }

    /// <summary>True for localhost, 127.x.x.x, ::1 and Unix sockets; false for wildcards, other addresses and host names.</summary>
    public static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }
        if (address.IsUnixPipe || string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
