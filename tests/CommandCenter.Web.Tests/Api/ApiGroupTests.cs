using CommandCenter.Web.Api;
using CommandCenter.Web.Components.Analytics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Api;

public sealed class ApiGroupTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void Every_api_v1_endpoint_is_inside_the_api_group()
    {
        factory.ApiClient(factory.District.Key).Dispose(); // starts the app
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        Assert.True(endpoints.Count > 30, $"{endpoints.Count} endpoints");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == AnalyticsRebuildEndpoint.Path);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText!.StartsWith("/api/v1/wall/display-links", StringComparison.Ordinal));
        Assert.All(endpoints, e =>
        {
            Assert.True(e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == ApiPolicies.RateLimit, $"{e.DisplayName}: no api rate limit");
            Assert.True(e.Metadata.GetMetadata<IEndpointGroupNameMetadata>()?.EndpointGroupName == ApiSetup.OpenApiDocument, $"{e.DisplayName}: not in the OpenAPI document");
        });
    }
}
