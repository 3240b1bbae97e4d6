using Microsoft.AspNetCore.HttpOverrides;

namespace CommandCenter.Web.Security;

public static class SecuritySetup
{
    /// <summary>The security-headers options and, when <c>Network</c> names proxies, the forwarded-headers options.</summary>
    public static IServiceCollection AddCommandCenterSecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityHeadersOptions>().Bind(configuration.GetSection(SecurityHeadersOptions.SectionName));

        var network = configuration.GetSection(NetworkOptions.SectionName).Get<NetworkOptions>() ?? new NetworkOptions();
        services.AddSingleton(network);
        if (network.HasProxies)
        {
            var proxies = network.ParseProxies().ToList();
            var networks = network.ParseNetworks().ToList();
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // Only the configured proxies: the framework's defaults (loopback) are replaced, and a chain of them is walked.
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                proxies.ForEach(o.KnownProxies.Add);
                networks.ForEach(o.KnownIPNetworks.Add);
                o.ForwardLimit = null;
            });
        }
        return services;
    }

    /// <summary>
    /// First in the pipeline: forwarded headers (only with configured proxies: with empty lists the framework would
    /// believe anyone), HSTS over HTTPS outside Development, and the security headers on every response.
    /// </summary>
    public static WebApplication UseCommandCenterSecurityHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<NetworkOptions>().HasProxies)
        {
            app.UseForwardedHeaders();
        }
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}
