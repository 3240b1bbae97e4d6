using CommandCenter.Data.Imports;

namespace CommandCenter.Web.Api.Imports;

/// <summary>
/// /api/v1/imports: upload (202), a run's status with its first 1,000 rejected rows, recent runs, the full error list as
/// XLSX and the templates. For an Admin's session or an API key with the <c>import</c> permission.
/// </summary>
public static class ImportEndpoints
{
    public const int ErrorsShown = 1_000;
    public const int RecentRuns = 50;
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports").RequireAuthorization(ApiPolicies.Import);
        imports.MapPost("/", ImportUploadEndpoint.UploadAsync).DisableAntiforgery()
            .WithSummary("Upload a file to import (multipart/form-data: kind, file, dryRun); 202 with the run's id");
        imports.MapGet("/", ListAsync).WithSummary("The most recent import runs");
        imports.MapGet("/{id:long}", GetAsync).WithSummary("An import run: status, counts and the first 1,000 rejected rows");
        imports.MapGet("/{id:long}/errors.xlsx", ErrorsAsync).WithSummary("Every rejected row of a run, as XLSX");
        imports.MapGet("/templates/{kind}.xlsx", (string kind) => Template(kind, xlsx: true)).WithSummary("The template of a kind, as XLSX");
        imports.MapGet("/templates/{kind}.csv", (string kind) => Template(kind, xlsx: false)).WithSummary("The template of a kind, as CSV (UTF-8 with BOM)");
        return api;
    }

    private static async Task<IResult> GetAsync(long id, ImportQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } run)
        {
            return ApiProblems.NotFound($"Import run {id} does not exist.");
        }
        var errors = await queries.ErrorsAsync(id, ErrorsShown, cancellationToken);
        return TypedResults.Ok(ImportRunView.From(run, [.. errors.Select(e => new ImportErrorView(e.Row, e.Column, e.Message))]));
    }

    private static async Task<IResult> ListAsync(ImportQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok((await queries.RecentAsync(RecentRuns, cancellationToken)).Select(r => ImportRunView.From(r, [])).ToList());

    /// <summary>Written to a temporary file first (the XLSX writer is synchronous), then streamed.</summary>
    private static async Task<IResult> ErrorsAsync(long id, ImportQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound($"Import run {id} does not exist.");
        }
        var errors = await queries.ErrorsAsync(id, int.MaxValue, cancellationToken);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        ImportTemplates.WriteErrorsXlsx([.. errors], file);
        file.Position = 0;
        return TypedResults.File(file, XlsxType, $"import-{id}-errors.xlsx");
    }

    private static IResult Template(string kind, bool xlsx)
    {
        if (!ImportTemplates.KindsByName.TryGetValue(kind, out var importKind))
        {
            return ApiProblems.NotFound($"No import kind '{kind}'. Kinds: {string.Join(", ", ImportTemplates.KindsByName.Keys)}.");
        }
        if (ImportTemplates.For(importKind) is not { } template)
        {
            return ApiProblems.NotFound("The hierarchy is imported as a GeoJSON FeatureCollection (properties code, name, level); it has no sheet template.");
        }
        var stream = new MemoryStream();
        if (xlsx)
        {
            ImportTemplates.WriteXlsx(template, stream);
        }
        else
        {
            ImportTemplates.WriteCsv(template, stream);
        }
        stream.Position = 0;
        var name = ImportTemplates.NameOf(importKind);
        return xlsx
            ? TypedResults.File(stream, XlsxType, $"{name}-template.xlsx")
            : TypedResults.File(stream, "text/csv; charset=utf-8", $"{name}-template.csv");
    }
}
