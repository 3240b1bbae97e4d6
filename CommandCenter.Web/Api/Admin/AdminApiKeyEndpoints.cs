using CommandCenter.Web.Authentication;
using CommandCenter.Web.Components.Admin;
using CommandCenter.Data.Auditing;

namespace CommandCenter.Web.Api.Admin;

/// <summary>/api/v1/admin/api-keys: machine channels' keys (Admin sessions only; API keys never).</summary>
public static class AdminApiKeyEndpoints
{
    public sealed record CreatedKeyDto(int Id, string Key, string Name, string Channel, string Prefix, string? ScopeCode, IReadOnlyList<string> Permissions);

    public static RouteGroupBuilder MapAdminApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/admin/api-keys").WithTags("Administration").RequireAuthorization(AuthorizationPolicies.Admin);
        keys.MapGet("/", async (ApiKeyAdministration admin, CancellationToken cancellationToken) =>
            TypedResults.Ok((await admin.ListAsync(cancellationToken)).Select(Utc)))
            .WithSummary("List the keys (never the keys themselves) with their last use");
        keys.MapPost("/", CreateAsync)
            .WithSummary("Create a key for a channel with a set of permissions (report, sos, patrol, service-orders, read, handle, import); the key is returned once");
        keys.MapDelete("/{id:int}", async Task<IResult> (int id, HttpContext http, ApiKeyAdministration admin) =>
            {
                var result = await admin.RevokeAsync(id, http.AuditActor(), http.RequestAborted);
                return result.Succeeded ? Results.NoContent() : ApiProblems.From(result);
            })
            .WithSummary("Revoke a key: refused at once on this node, on every node within 30 s");
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiKeyAdministration admin, CancellationToken cancellationToken)
    {
        var (request, _, problem) = await ApiJson.ReadAsync<NewApiKey>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await admin.CreateAsync(request!, http.AuditActor(), cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.From(result);
        }
        var (id, key, s) = result.Value!;
        return TypedResults.Created((string?)null, new CreatedKeyDto(id, key, s.Name, s.Channel, s.Prefix, s.ScopeCode, s.Permissions));
    }

    private static ApiKeySummary Utc(ApiKeySummary k) => k with
    {
        CreatedAt = DateTime.SpecifyKind(k.CreatedAt, DateTimeKind.Utc),
        LastUsedAt = k.LastUsedAt is { } used ? DateTime.SpecifyKind(used, DateTimeKind.Utc) : null,
        RevokedAt = k.RevokedAt is { } revoked ? DateTime.SpecifyKind(revoked, DateTimeKind.Utc) : null,
    };
}
