using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommandCenter.Web.Api.Registry;

/// <summary>The registry totals of one node, the same numbers as the home page, the wall and the registry page.</summary>
public sealed record RegistrySummaryDto(string Node, long Residents, long Households, long Buildings, long Rooms, long Places, long Components, long Organizations);

/// <summary>GET /api/v1/registry/summary?node=: Admin, Leader and Analyst sessions within their scope, and API keys (read).</summary>
public static class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistryEndpoints(this RouteGroupBuilder api)
    {
        var registry = api.MapGroup("/registry").WithTags("Registry").RequireAuthorization(ApiPolicies.RegistryRead);
        registry.MapGet("/summary", SummaryAsync).WithSummary("Registry totals of a district, street, community or grid (the caller's scope when no node is given)");
        return api;
    }

    private static async Task<Results<Ok<RegistrySummaryDto>, ProblemHttpResult>> SummaryAsync(
        string? node, HttpContext http, RegistryQueries registry, CancellationToken cancellationToken)
    {
        var scope = ApiCaller.From(http.User).ScopeCode;
        var code = string.IsNullOrWhiteSpace(node) ? scope ?? await registry.DistrictCodeAsync(cancellationToken) : node.Trim();
        if (code is null || !HierarchyCode.IsValid(code))
        {
            return ApiProblems.NotFound("No such node.");
        }
        if (!HierarchyCode.IsWithin(code, scope))
        {
            return ApiProblems.Forbidden("The node lies outside your area.");
        }
        if (await registry.NodeAsync(code, cancellationToken) is null)
        {
            return ApiProblems.NotFound("No such node.");
        }
        var c = await registry.CountsAsync(code, cancellationToken);
        return TypedResults.Ok(new RegistrySummaryDto(code, c.Residents, c.Households, c.Buildings, c.Rooms, c.Places, c.Components, c.Organizations));
    }
}
