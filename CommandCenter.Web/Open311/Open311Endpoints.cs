using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Open311;

/// <summary>The GeoReport v2 resources: discovery, services, service definitions, requests (report, search, one) and tokens.</summary>
public static class Open311Endpoints
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>Intake's field names (the JSON API's) as Open311 names them.</summary>
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["title"] = "description",
        ["description"] = "description",
        ["address"] = "address_string",
        ["reporterName"] = "first_name/last_name",
        ["reporterPhone"] = "phone",
        ["categoryCode"] = "service_code",
        ["categoryId"] = "service_code",
        ["gridCode"] = "address_id",
        ["gridId"] = "address_id",
        ["latitude"] = "lat/long",
        ["longitude"] = "lat/long",
    };

    public static RouteGroupBuilder MapOpen311Endpoints(this RouteGroupBuilder v2)
    {
        v2.MapGet("/discovery.{format}", DiscoveryAsync);
        v2.MapGet("/services.{format}", ServicesAsync);
        v2.MapGet("/services/{code}.{format}", ServiceDefinitionAsync);
        v2.MapPost("/requests.{format}", CreateAsync);
        v2.MapGet("/requests.{format}", SearchAsync);
        v2.MapGet("/requests/{id}.{format}", GetAsync);
        v2.MapGet("/tokens/{token}.{format}", TokenAsync);
        return v2;
    }

    private static async Task<IResult> DiscoveryAsync(string format, HttpContext http, IDbContextFactory<CommandCenterDbContext> contexts, CancellationToken cancellationToken)
    {
        var (f, _, error) = await BeginReadAsync(format, http, contexts, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var options = Open311Setup.Options(http);
        var changeset = Open311Formats.W3C(options.Changeset!.Value);
        var url = string.IsNullOrWhiteSpace(options.BaseUrl)
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Open311Setup.V2Path}"
            : options.BaseUrl.TrimEnd('/');
        var endpoint = new Open311Object("endpoint")
            .Add("specification", Specification)
            .Add("url", url)
            .Add("changeset", changeset)
            .Add("type", "production")
            .Add("formats", new Open311List("formats", "format", [Open311Formats.XmlMediaType, Open311Formats.JsonMediaType]));
        var discovery = new Open311Object("discovery")
            .Add("changeset", changeset)
            .Add("contact", options.Contact)
            .Add("key_service", options.KeyService)
            .Add("endpoints", new Open311List("endpoints", "endpoint", [endpoint]));
        return new Open311Result(StatusCodes.Status200OK, discovery, f);
    }

    private static async Task<IResult> ServicesAsync(string format, HttpContext http, IDbContextFactory<CommandCenterDbContext> contexts, CancellationToken cancellationToken)
    {
        var (f, _, error) = await BeginReadAsync(format, http, contexts, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = await db.IncidentCategories.AsNoTracking().Where(c => c.IsActive)
            .OrderBy(c => c.Kind).ThenBy(c => c.SortOrder).ThenBy(c => c.Code)
            .ToListAsync(cancellationToken);
        return new Open311Result(StatusCodes.Status200OK, new Open311List("services", "service", categories.Select(c => (object?)Open311Presenter.Service(c))), f);
    }

    private static async Task<IResult> ServiceDefinitionAsync(
        string code, string format, HttpContext http, IDbContextFactory<CommandCenterDbContext> contexts, CancellationToken cancellationToken)
    {
        var (f, _, error) = await BeginReadAsync(format, http, contexts, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        IncidentCategory? category = null;
        if (IsCode(code))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            category = await db.IncidentCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code && c.IsActive, cancellationToken);
        }
        return category is null
            ? Open311Errors.NotFound(f, $"service_code '{Clip(code)}' is not a known service.")
            : new Open311Result(StatusCodes.Status200OK, Open311Presenter.ServiceDefinition(category), f);
    }

    private static async Task<IResult> CreateAsync(
        string format, HttpContext http, IDbContextFactory<CommandCenterDbContext> contexts, IncidentIntakeService intake, GridLocator locator,
        CancellationToken cancellationToken)
    {
        if (Open311Formats.Parse(format) is not { } f)
        {
            return UnknownFormat();
        }
        var (form, readError) = await Open311ReportForm.ReadAsync(http.Request, f, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }
        var (caller, authError) = await Open311Authentication.AuthenticateAsync(http, form!.ApiKey, report: true, f, contexts, cancellationToken);
        if (authError is not null)
        {
            return authError;
        }
        var errors = form.Validate(out var latitude, out var longitude);
        if (errors.Count > 0)
        {
            return Open311Errors.BadRequest(f, errors);
        }

        IncidentCategory? category;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            category = await db.IncidentCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Code == form.ServiceCode && c.IsActive, cancellationToken);
        }
        if (category is null)
        {
            return Open311Errors.BadRequest(f, $"service_code '{Clip(form.ServiceCode!)}' is not a known service; see services.{format}.");
        }
        // Both a position and a grid: the position places the report, and it must lie in that grid.
        if (latitude is { } lat && longitude is { } lon && form.AddressId is { } addressId)
        {
            var located = await locator.LocateAsync(lat, lon, cancellationToken);
            if (located is null || located.Code != addressId)
            {
                return Open311Errors.BadRequest(f, "lat/long lie outside the grid given as address_id.");
            }
        }

        // The key is checked and recorded by the intake, inside the incident's own transaction. A replay is rebuilt from
        // the stored incident, so it comes in either format (the request hash leaves the format out).
        var (keyState, key) = ApiIdempotency.Read(http, caller!, form.Body, $"POST {Open311Setup.V2Path}/requests");
        if (keyState == ApiIdempotency.KeyState.Malformed)
        {
            return Open311Errors.BadRequest(f, $"An {ApiIdempotency.Header} is 1–{IdempotencyStore.MaxKeyLength} printable ASCII characters.");
        }
        var report = new IncidentReport
        {
            Title = form.Title(category.MinorName),
            Description = form.Description,
            PhotoUrls = form.PhotoUrls(),
            Source = SourceChannel.Open311,
            CategoryId = category.Id,
            GridCode = latitude is null ? form.AddressId : null,
            Latitude = latitude,
            Longitude = longitude,
            Address = form.AddressString,
            ReporterName = form.ReporterName(),
            ReporterPhone = form.Phone,
        };
        var result = await intake.ReportAsync(report, caller!.Actor, caller.ScopeCode, key is null ? null : new IntakeIdempotency(key), cancellationToken);
        switch (result.Status)
        {
            case IntakeStatus.Created:
                return Created(http, result.Incident!, form.AccountId, f);
            case IntakeStatus.Replayed:
                return await ReplayedAsync(http, result.Replay!, form.AccountId, f, contexts, cancellationToken);
            case IntakeStatus.KeyReused:
                return Open311Errors.Status(f, StatusCodes.Status422UnprocessableEntity, $"The {ApiIdempotency.Header} was already used with another request.");
            case IntakeStatus.KeyInFlight:
                return Open311Errors.Status(f, StatusCodes.Status409Conflict, $"A request with this {ApiIdempotency.Header} is still being processed; retry later.");
            case IntakeStatus.OutOfScope:
                return Open311Errors.Forbidden(f, "The location lies outside the area this api_key may report to.");
            default:
                return Open311Errors.BadRequest(f, result.Errors!.SelectMany(e => e.Value.Select(m => $"{FieldNames.GetValueOrDefault(e.Key, e.Key)}: {m}")));
        }
    }

    private static async Task<IResult> SearchAsync(
        string format, HttpContext http, IDbContextFactory<CommandCenterDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        var (f, caller, error) = await BeginReadAsync(format, http, contexts, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var (query, errors) = Open311RequestQuery.Parse(http.Request.Query, time.GetUtcNow().UtcDateTime);
        if (errors.Count > 0)
        {
            return Open311Errors.BadRequest(f, errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = query.Apply(db, caller!.ScopeCode);
        var page = await filtered.OrderByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Include(i => i.Category).Include(i => i.HandlingUnit)
            .ToListAsync(cancellationToken);
        return new Open311Result(StatusCodes.Status200OK, await Open311Presenter.RequestsAsync(db, page, query.Extensions, cancellationToken), f);
    }

    private static async Task<IResult> GetAsync(
        string id, string format, HttpContext http, IDbContextFactory<CommandCenterDbContext> contexts, CancellationToken cancellationToken)
    {
        var (f, caller, error) = await BeginReadAsync(format, http, contexts, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var extensions = http.Request.Query["extensions"].ToString().ToLowerInvariant() is "true" or "1";
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var incidentId))
        {
            return Open311Errors.NotFound(f, $"Service request '{Clip(id)}' does not exist.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Category).Include(i => i.HandlingUnit)
            .SingleOrDefaultAsync(i => i.Id == incidentId && i.Source != SourceChannel.Sos, cancellationToken);
        if (incident is null)
        {
            return Open311Errors.NotFound(f, $"Service request {incidentId} does not exist.");
        }
        if (await OutOfScopeAsync(db, incident, caller!, cancellationToken))
        {
            return Open311Errors.Forbidden(f, "The service request lies outside your area.");
        }
        return new Open311Result(StatusCodes.Status200OK, await Open311Presenter.RequestsAsync(db, [incident], extensions, cancellationToken), f);
    }

    private static async Task<IResult> TokenAsync(
        string token, string format, HttpContext http, IDbContextFactory<CommandCenterDbContext> contexts, CancellationToken cancellationToken)
    {
        var (f, caller, error) = await BeginReadAsync(format, http, contexts, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        Incident? incident = null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (token.Length is > 0 and <= 16 && token.All(char.IsAsciiLetterOrDigit))
        {
            incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Number == token && i.Source != SourceChannel.Sos, cancellationToken);
        }
        if (incident is null)
        {
            return Open311Errors.NotFound(f, $"Token '{Clip(token)}' does not exist.");
        }
        if (await OutOfScopeAsync(db, incident, caller!, cancellationToken))
        {
            return Open311Errors.Forbidden(f, "The service request lies outside your area.");
        }
        return new Open311Result(StatusCodes.Status200OK, Open311Presenter.Token(incident), f);
    }

    /// <summary>The format and the caller of a GET (api_key from the query string, else the header or the cookie).</summary>
    private static async Task<(Open311Format Format, ApiCaller? Caller, IResult? Error)> BeginReadAsync(
        string format, HttpContext http, IDbContextFactory<CommandCenterDbContext> contexts, CancellationToken cancellationToken)
    {
        if (Open311Formats.Parse(format) is not { } f)
        {
            return (Open311Format.Xml, null, UnknownFormat());
        }
        var apiKey = http.Request.Query.TryGetValue(Open311Authentication.ApiKeyField, out var values) && values.Count > 0 ? values[0] : null;
        var (caller, error) = await Open311Authentication.AuthenticateAsync(http, apiKey, report: false, f, contexts, cancellationToken);
        return (f, caller, error);
    }

    /// <summary>The first answer again, rebuilt from the stored incident in the format asked for now.</summary>
    private static async Task<IResult> ReplayedAsync(
        HttpContext http, IdempotencyRecord record, string? accountId, Open311Format format, IDbContextFactory<CommandCenterDbContext> contexts,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = record.ResourceId is { } incidentId ? await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken) : null;
        if (incident is null)
        {
            return Open311Errors.Status(format, StatusCodes.Status409Conflict, $"The request with this {ApiIdempotency.Header} left no service request.");
        }
        http.Response.Headers[ApiIdempotency.ReplayedHeader] = "true";
        return Created(http, incident, accountId, format);
    }

    /// <summary>200 (what Open311 clients expect) with the spec's one-element list, and where to read the request.</summary>
    private static Open311Result Created(HttpContext http, Incident incident, string? accountId, Open311Format format)
    {
        http.Response.Headers.Location = $"{http.Request.PathBase}{Open311Setup.V2Path}/requests/{incident.Id}.{Open311Formats.Extension(format)}";
        return new Open311Result(StatusCodes.Status200OK, Open311Presenter.Created(incident, accountId is { Length: > 128 } ? accountId[..128] : accountId), format);
    }

    private static async Task<bool> OutOfScopeAsync(CommandCenterDbContext db, Incident incident, ApiCaller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(caller.ScopeCode))
        {
            return false;
        }
        var gridCode = await db.Grids.Where(g => g.Id == incident.GridId).Select(g => g.Code).SingleOrDefaultAsync(cancellationToken);
        return !HierarchyCode.IsWithin(gridCode ?? string.Empty, caller.ScopeCode);
    }

    private static Open311Result UnknownFormat() =>
        Open311Errors.NotFound(Open311Format.Xml, "Open311 resources end in .xml or .json.");

    private static bool IsCode(string code) => code.Length is > 0 and <= 8 && code.All(char.IsAsciiLetterOrDigit);

    private static string Clip(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
