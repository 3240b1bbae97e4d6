using CommandCenter.Data;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Authentication;

public static class AuthenticationSetup
{
    /// <summary>Paths used by programs rather than page navigations: they get 401/403, never a redirect to the login page.</summary>
    private static readonly PathString[] NonBrowserPaths = ["/api", "/openapi", "/open311", "/hubs", "/hangfire", "/_blazor", "/healthz"];

    /// <summary>
    /// Identity with EF stores, the cookie (idle timeout, 1-minute stamp check), the API key scheme,
    /// a policy scheme choosing between them, and a fallback policy requiring a signed-in user everywhere.
    /// </summary>
    public static IServiceCollection AddCommandCenterAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var security = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddMemoryCache();
        services.AddScoped<TwoFactorAccounts>();
        services.AddScoped<IdleSessionMonitor>();
        services.AddSingleton<ApiKeyLookupCache>();
        services.AddSingleton<HubConnectionRegistry>();
        services.AddSingleton<RevalidatingHubFilter>();
        services.AddHostedService<HubConnectionRevalidator>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthenticationSchemeNames.CookieOrApiKey;
                o.DefaultChallengeScheme = AuthenticationSchemeNames.CookieOrApiKey;
                o.DefaultForbidScheme = AuthenticationSchemeNames.CookieOrApiKey;
            })
            .AddPolicyScheme(AuthenticationSchemeNames.CookieOrApiKey, "Cookie or API key", o =>
                o.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(AuthenticationSchemeNames.ApiKeyHeader)
                    ? AuthenticationSchemeNames.ApiKey
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthenticationSchemeNames.ApiKey, null)
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = security.LockoutDuration;
                o.Password.RequiredLength = security.PasswordLengthFor(DemoOptions.IsDemoMode(configuration));
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<CommandCenterDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppUserClaimsFactory>()
            .AddPasswordValidator<UserNamePasswordValidator>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = security.RevalidationInterval);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "CommandCenter.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = security.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            // Circuit and hub traffic (live updates, long polling) does not slide the cookie: only requests the user causes do.
            var validatePrincipal = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                var principal = context.Principal;
                await validatePrincipal(context);
                if (ReferenceEquals(principal, context.Principal) && IsBackgroundConnection(context.Request))
                {
                    context.ShouldRenew = false;
                }
            };
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AuthorizationPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        var separation = new SeparationOfDuties(security.SeparatesAdministrators(DemoOptions.IsDemoMode(configuration)));
        services.AddSingleton(separation);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.SecurityAdministration, p => p.RequireAuthenticatedUser().RequireRole(separation.RolesFor(Roles.SecurityAdmin)))
            .AddPolicy(AuthorizationPolicies.AuditAdministration, p => p.RequireAuthenticatedUser().RequireRole(separation.RolesFor(Roles.AuditAdmin)));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        return services;
    }

    /// <summary>True for API, hub, dashboard and circuit requests, and for XHR: answered with status codes, not pages.</summary>
    public static bool IsProgramRequest(HttpRequest request) =>
        NonBrowserPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        || string.Equals(request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal);

    private static bool IsBackgroundConnection(HttpRequest request) =>
        request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int statusCode)
    {
        if (IsProgramRequest(context.Request))
        {
            context.Response.StatusCode = statusCode;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
