using CommandCenter.Data;
using CommandCenter.Data.Demo;
using CommandCenter.Jobs;
using CommandCenter.Web.Api;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Components;
using CommandCenter.Web.Components.Admin;
using CommandCenter.Web.Components.Analytics;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Demo;
using CommandCenter.Web.Health;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Open311;
using CommandCenter.Web.Security;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;
using MudBlazor.Services;

namespace CommandCenter.Web.Hosting;

public static class CommandCenterWebExtensions
{
    /// <summary>Everything the web node needs: data, jobs, auth, localization, Blazor with MudBlazor, health checks.</summary>
    public static WebApplicationBuilder AddCommandCenterWeb(this WebApplicationBuilder builder)
    {
        // Serve _framework, _content/MudBlazor and colocated assets from build output in every environment.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddCommandCenterData(configuration);
        services.AddCommandCenterJobs(configuration);
        // A stop must not fail because one part is slow: the web server drains its connections (open walls and
        // consoles) while Hangfire gives its running jobs their shorter grace, side by side instead of one after the other.
        services.Configure<HostOptions>(o => o.ServicesStopConcurrently = true);

        services.AddDataProtection()
            .SetApplicationName("CommandCenter")
            .PersistKeysToDbContext<CommandCenterDbContext>();

        services.AddCommandCenterAuthentication(configuration);
        services.AddCommandCenterSecurityHeaders(configuration);
        services.AddCommandCenterApi(configuration);
        services.AddCommandCenterLocalization();
        services.AddDemoMode(configuration);
        services.AddCommandCenterLive(configuration);
        services.AddCommandCenterWall(configuration);
        services.AddCommandCenterAdmin();
        services.AddSingleton<Components.Console.ConsoleClock>();
        // Incoming hub messages stay capped at 32 KB; with ConnectionStrings:Redis the Redis backplane joins the nodes.
        // Every connection is re-validated like the cookie, so a disabled user's hub connections and circuits end too.
        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 32 * 1024;
                o.AddFilter<RevalidatingHubFilter>();
            })
            .AddCommandCenterRedisBackplane(configuration);

        // Chinese text as text, not &#x...; entities (the default encoder allows only Basic Latin).
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCommandCenterHealth();
        services.AddProblemDetails();

        services.AddSingleton<StartupTasks>();
        return builder;
    }

    /// <summary>The request pipeline and endpoints.</summary>
    public static WebApplication MapCommandCenterWeb(this WebApplication app)
    {
        app.UseCommandCenterSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        // A page for browser navigations only: programs keep their bare 401/403/404, and a re-executed POST would fail antiforgery.
        app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method) && !AuthenticationSetup.IsProgramRequest(context.Request),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

        app.UseApiProblemResponses();
        app.UseRequestLocalization();
        app.UseMiddleware<SameOriginHandshakeMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<PasswordChangeRequiredMiddleware>();
        app.UseMiddleware<TwoFactorRequiredMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapCommandCenterHealth();
        app.MapCultureEndpoint();
        app.MapAccountEndpoints();
        app.MapHangfireDashboardWithAuthorizationPolicy(
            AuthorizationPolicies.Admin,
            "/hangfire",
            new DashboardOptions { AppPath = "/", DashboardTitle = "CommandCenter · Hangfire", DisplayStorageConnectionString = false });

        app.MapCommandCenterApi();
        app.MapAnalyticsExport();
        app.MapOpen311();
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null); // frame-ancestors is in our CSP
        return app;
    }
}
