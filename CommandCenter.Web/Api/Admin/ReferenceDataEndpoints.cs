using System.Security.Claims;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;

namespace CommandCenter.Web.Api.Admin;

/// <summary>
/// /api/v1/admin/categories and /api/v1/admin/handling-units: the reference data an installation runs on, for
/// administrators (the page /admin/reference-data uses the same <see cref="ReferenceDataEditor"/>). Audited; every node
/// picks changes up at once through the live feed.
/// </summary>
public static class ReferenceDataEndpoints
{
    public static RouteGroupBuilder MapReferenceDataEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Administration: reference data").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapGet("/categories", async (ReferenceDataEditor editor, CancellationToken ct) => TypedResults.Ok(await editor.CategoriesAsync(ct)))
            .WithSummary("Incident categories (大类/小类) with their SLA overrides");
        admin.MapPost("/categories", CreateCategoryAsync).WithSummary("Add a category");
        admin.MapPut("/categories/{id:int}", UpdateCategoryAsync).WithSummary("Rename, (de)activate, reorder a category or change its SLA overrides");
        admin.MapGet("/handling-units", async (ReferenceDataEditor editor, CancellationToken ct) => TypedResults.Ok(await editor.HandlingUnitsAsync(ct)))
            .WithSummary("Handling units (处置单位) by tier");
        admin.MapPost("/handling-units", CreateUnitAsync).WithSummary("Add a handling unit");
        admin.MapPut("/handling-units/{id:int}", UpdateUnitAsync).WithSummary("Change a handling unit");
        return api;
    }

    public static ReferenceDataActor ActorOf(ClaimsPrincipal user, HttpContext? http) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "?", http?.Connection.RemoteIpAddress?.ToString());

    private static async Task<IResult> CreateCategoryAsync(HttpContext http, ReferenceDataEditor editor, CancellationToken cancellationToken)
    {
        var (edit, _, problem) = await ApiJson.ReadAsync<CategoryEdit>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await editor.CreateCategoryAsync(edit!, ActorOf(http.User, http), cancellationToken);
        return result.Succeeded ? TypedResults.Created($"/api/v1/admin/categories/{result.Value!.Id}", result.Value) : ApiProblems.From(result);
    }

    private static async Task<IResult> UpdateCategoryAsync(int id, HttpContext http, ReferenceDataEditor editor, CancellationToken cancellationToken)
    {
        var (edit, _, problem) = await ApiJson.ReadAsync<CategoryEdit>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await editor.UpdateCategoryAsync(id, edit!, ActorOf(http.User, http), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.From(result);
    }

    private static async Task<IResult> CreateUnitAsync(HttpContext http, ReferenceDataEditor editor, CancellationToken cancellationToken)
    {
        var (edit, _, problem) = await ApiJson.ReadAsync<HandlingUnitEdit>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await editor.CreateHandlingUnitAsync(edit!, ActorOf(http.User, http), cancellationToken);
        return result.Succeeded ? TypedResults.Created($"/api/v1/admin/handling-units/{result.Value!.Id}", result.Value) : ApiProblems.From(result);
    }

    private static async Task<IResult> UpdateUnitAsync(int id, HttpContext http, ReferenceDataEditor editor, CancellationToken cancellationToken)
    {
        var (edit, _, problem) = await ApiJson.ReadAsync<HandlingUnitEdit>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await editor.UpdateHandlingUnitAsync(id, edit!, ActorOf(http.User, http), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.From(result);
    }
}
