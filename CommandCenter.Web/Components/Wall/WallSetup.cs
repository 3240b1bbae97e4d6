using Microsoft.AspNetCore.Http.HttpResults;

namespace CommandCenter.Web.Components.Wall;

/// <summary>The wall's services and endpoints, registered from <c>AddCommandCenterWeb</c> / <c>MapCommandCenterWeb</c>.</summary>
public static class WallSetup
{
    public static IServiceCollection AddCommandCenterWall(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WallOptions>().Bind(configuration.GetSection(WallOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WallBaseData>();
        services.AddSingleton<WallMapGeometry>();
        services.AddHostedService<Live.ResyncCacheInvalidation>();
        services.AddScoped<WallDisplayLinkService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCommandCenterWall(this IEndpointRouteBuilder endpoints)
    {
        // The running build, so an open wall notices a deploy and reloads. Nothing secret: anonymous, never cached.
        endpoints.MapGet("/wall/build", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(new WallBuildInfo(WallBuild.Id));
        }).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapWallDisplayLinks();
        return endpoints;
    }
}

public sealed record WallBuildInfo(string Build);
