using System.Globalization;
using System.Threading.RateLimiting;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Api.Admin;
using CommandCenter.Web.Api.Imports;
using CommandCenter.Web.Api.Incidents;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Components.Analytics;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Api.Patrols;
using CommandCenter.Web.Api.Registry;
using CommandCenter.Web.Api.ServiceOrders;
using CommandCenter.Web.Api.Sos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;

namespace CommandCenter.Web.Api;

/// <summary>Rate limits of the API, per client (API key or user). SOS is never limited.</summary>
public sealed class ApiRateLimitOptions
{
    public const string SectionName = "Api:RateLimit";

    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 50;

    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int Burst { get; set; } = 200;
}

public static class ApiSetup
{
    public static IServiceCollection AddCommandCenterApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = ApiJson.Options.PropertyNamingPolicy;
            foreach (var converter in ApiJson.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        services.AddOptions<ApiRateLimitOptions>().Bind(configuration.GetSection(ApiRateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var limits = configuration.GetSection(ApiRateLimitOptions.SectionName).Get<ApiRateLimitOptions>() ?? new ApiRateLimitOptions();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ApiPolicies.RateLimit, http => RateLimitPartition.GetTokenBucketLimiter(
                ApiCaller.From(http.User).ClientId,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.Status(StatusCodes.Status429TooManyRequests, "Too many requests", $"Retry after {retryAfter} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });

        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, requirement) in ApiPolicies.All)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().AddRequirements(requirement));
        }
        services.AddSingleton<IAuthorizationHandler, ApiAccessHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAccessResultHandler>();

        services.AddOpenApi(OpenApiDocument, o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CommandCenter API";
            document.Info.Description = "Incidents, SOS, patrols, service orders and micro-wishes. Machine channels send X-Api-Key; errors are problem+json.";
            return Task.CompletedTask;
        }));
        services.AddSingleton<ImportQueue>();
        return services;
    }

    /// <summary>The OpenAPI document every /api/v1 endpoint belongs to.</summary>
    public const string OpenApiDocument = "v1";

    /// <summary>/api/v1 (JSON, problem+json errors, rate-limited per client) and /openapi/v1.json.</summary>
    public static WebApplication MapCommandCenterApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        // The one api group. Its root has no prefix, so the few endpoints that name their full /api/v1 path (the
        // pages' own: analytics rebuild, wall display links) are mapped inside it too and carry the same conventions.
        var root = app.MapGroup(string.Empty).RequireAuthorization().RequireRateLimiting(ApiPolicies.RateLimit).WithGroupName(OpenApiDocument);
        root.MapAnalyticsRebuild();
        root.MapCommandCenterWall();
        root.MapAdminAuditExport();
        var api = root.MapGroup("/api/v1");
        api.MapIncidentEndpoints();
        api.MapSosEndpoints();
        api.MapPatrolEndpoints();
        api.MapServiceOrderEndpoints();
        api.MapReferenceDataEndpoints();
        api.MapRegistryEndpoints();
        api.MapAdminUserEndpoints();
        api.MapAdminApiKeyEndpoints();
        api.MapAdminAuditEndpoints();
        api.MapImportEndpoints();
        return app;
    }

    /// <summary>Errors on API paths are problem+json, never a stack trace; empty 401/403/404/405 get a problem body too.</summary>
    public static IApplicationBuilder UseApiProblemResponses(this IApplicationBuilder app) =>
        app.UseWhen(
            context => IsApiPath(context.Request.Path),
            branch =>
            {
                branch.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
                branch.UseStatusCodePages();
            });

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/open311", StringComparison.OrdinalIgnoreCase);
}
