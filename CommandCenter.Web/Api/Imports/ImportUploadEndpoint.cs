using System.Security.Claims;
using System.Text;
using CommandCenter.Data.Imports;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using CommandCenter.Data.Auditing;

namespace CommandCenter.Web.Api.Imports;

/// <summary>
/// POST /api/v1/imports (multipart/form-data: kind, file, dryRun): the file streams to the import folder (never whole in
/// memory; over the limit is 413), its first rows are checked at once (not a spreadsheet or GeoJSON: 415; missing
/// headers: 422; nothing is kept), then the run is queued as a Hangfire job: 202 {"id","status":"queued"}. Audited.
/// </summary>
internal static class ImportUploadEndpoint
{
    private const int MaxFieldLength = 64;

    private sealed record Upload(string? Kind, string? DryRun, string? FileName, string? StoredFile, long Size);

    public static async Task<IResult> UploadAsync(
        HttpContext http, ImportFileStore files, IOptions<ImportOptions> options, ImportQueue queue, ClaimsPrincipal caller)
    {
        var limit = options.Value.MaxFileBytes;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send multipart/form-data with the fields kind, file and dryRun.");
        }
        if (http.Request.ContentLength > limit + (1024 * 1024))
        {
            return TooLarge(limit);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit + (1024 * 1024);
        }

        Upload upload;
        try
        {
            upload = await ReadAsync(http.Request.Body, boundary, files, http.RequestAborted);
        }
        catch (ImportFileTooLargeException)
        {
            return TooLarge(limit);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException)
        {
            return ApiProblems.BadRequest("The multipart body could not be read.");
        }

        var errors = new Dictionary<string, string[]>();
        if (upload.Kind is null || !ImportTemplates.KindsByName.TryGetValue(upload.Kind, out var kind))
        {
            errors["kind"] = [$"One of: {string.Join(", ", ImportTemplates.KindsByName.Keys)}."];
            kind = default;
        }
        bool dryRun = false;
        if (upload.DryRun is not null && !bool.TryParse(upload.DryRun, out dryRun))
        {
            errors["dryRun"] = ["true or false."];
        }
        if (upload.StoredFile is null)
        {
            errors["file"] = ["Required: the file to import."];
        }
        else if (upload.Size == 0)
        {
            errors["file"] = ["The file is empty."];
        }
        if (errors.Count > 0)
        {
            Discard(files, upload);
            return ApiProblems.Unprocessable(errors, "The upload is incomplete.");
        }

        ImportRun run;
        try
        {
            run = await queue.QueueAsync(kind, dryRun, upload.FileName!, upload.StoredFile!, upload.Size,
                new AuditActor(caller.FindFirstValue(ClaimTypes.NameIdentifier), ApiCaller.From(caller).Actor.Name, http.Connection.RemoteIpAddress?.ToString()),
                http.RequestAborted);
        }
        catch (ImportFileException ex)
        {
            return ex.MissingHeaders
                ? ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["file"] = [ex.Message] }, ex.Message)
                : ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported file", ex.Message);
        }
        return TypedResults.Accepted($"/api/v1/imports/{run.Id}", new ImportAccepted(run.Id, ImportRunView.StatusName(ImportStatus.Queued)));
    }

    private static async Task<Upload> ReadAsync(Stream body, string boundary, ImportFileStore files, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, body);
        string? kind = null, dryRun = null, fileName = null, stored = null;
        long size = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (disposition.IsFileDisposition() && name == "file" && stored is null)
                {
                    fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload");
                    fileName = fileName.Length is > 0 and <= 200 ? fileName : "upload" + Path.GetExtension(fileName);
                    (stored, size) = await files.SaveAsync(section.Body, fileName, ct);
                }
                else if (!disposition.IsFileDisposition())
                {
                    var value = await ReadFieldAsync(section.Body, ct);
                    if (name == "kind") { kind = value; }
                    else if (name == "dryRun") { dryRun = value; }
                }
            }
        }
        catch
        {
            if (stored is not null)
            {
                files.Delete(stored);
            }
            throw;
        }
        return new Upload(kind, dryRun, fileName, stored, size);
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldLength * 4];
        var total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(total, buffer.Length - total), ct)) > 0)
        {
            total += read;
            if (total == buffer.Length)
            {
                break;
            }
        }
        return Encoding.UTF8.GetString(buffer, 0, total).Trim();
    }

    private static void Discard(ImportFileStore files, Upload upload)
    {
        if (upload.StoredFile is not null)
        {
            files.Delete(upload.StoredFile);
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(long limit) =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"文件超过上限 {limit / (1024 * 1024)} MB（Imports:MaxFileBytes）。");
}
