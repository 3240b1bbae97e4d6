using System.Security.Claims;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Auditing;

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

    private static Task<IResult> CreateCategoryAsync(HttpContext http, ReferenceDataEditor editor, CancellationToken cancellationToken) =>
        SaveAsync<CategoryEdit, CategoryRecord>(http, (edit, actor) => editor.CreateCategoryAsync(edit, actor, cancellationToken),
            created => TypedResults.Created($"/api/v1/admin/categories/{created.Id}", created), cancellationToken);

    private static Task<IResult> UpdateCategoryAsync(int id, HttpContext http, ReferenceDataEditor editor, CancellationToken cancellationToken) =>
        SaveAsync<CategoryEdit, CategoryRecord>(http, (edit, actor) => editor.UpdateCategoryAsync(id, edit, actor, cancellationToken),
            TypedResults.Ok, cancellationToken);

    private static Task<IResult> CreateUnitAsync(HttpContext http, ReferenceDataEditor editor, CancellationToken cancellationToken) =>
        SaveAsync<HandlingUnitEdit, HandlingUnitRecord>(http, (edit, actor) => editor.CreateHandlingUnitAsync(edit, actor, cancellationToken),
            created => TypedResults.Created($"/api/v1/admin/handling-units/{created.Id}", created), cancellationToken);

    private static Task<IResult> UpdateUnitAsync(int id, HttpContext http, ReferenceDataEditor editor, CancellationToken cancellationToken) =>
        SaveAsync<HandlingUnitEdit, HandlingUnitRecord>(http, (edit, actor) => editor.UpdateHandlingUnitAsync(id, edit, actor, cancellationToken),
            TypedResults.Ok, cancellationToken);

    /// <summary>Reads the edit (problem+json for a bad body), saves it as the caller, and answers with the record or the problem.</summary>
    private static async Task<IResult> SaveAsync<TEdit, TRecord>(
        HttpContext http, Func<TEdit, AuditActor, Task<OperationResult<TRecord>>> save, Func<TRecord, IResult> answer, CancellationToken cancellationToken)
        where TEdit : class
    {
        var (edit, _, problem) = await ApiJson.ReadAsync<TEdit>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await save(edit!, http.AuditActor());
        return result.Succeeded ? answer(result.Value!) : ApiProblems.From(result);
    }
}
