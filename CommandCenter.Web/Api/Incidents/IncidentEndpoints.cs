using System.Globalization;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;
using CommandCenter.Web.Components.Console;

namespace CommandCenter.Web.Api.Incidents;

/// <summary>/api/v1/incidents: report, list, read with history, and move through the lifecycle.</summary>
public static class IncidentEndpoints
{
    public static RouteGroupBuilder MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapPost("/", CreateAsync).RequireAuthorization(ApiPolicies.Report)
            .WithSummary("Report an incident (Idempotency-Key required)");
        incidents.MapGet("/", ListAsync).RequireAuthorization(ApiPolicies.Read).WithSummary("List incidents with filters and paging");
        incidents.MapGet("/{id:long}", GetAsync).RequireAuthorization(ApiPolicies.Read).WithSummary("One incident with its history");
        incidents.MapPost("/{id:long}/transitions", TransitionAsync).RequireAuthorization(ApiPolicies.Handle)
            .WithSummary("Move an incident through its lifecycle (version required)");
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IncidentIntakeService intake, CancellationToken cancellationToken)
    {
        var (request, body, problem) = await ApiJson.ReadAsync<CreateIncidentRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var caller = ApiCaller.From(http.User);
        var source = request!.Source ?? ChannelSources.SourceOf(caller.Channel);
        if (source is null)
        {
            return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["source"] = ["Required for this channel."] });
        }
        // The key is checked and recorded by the intake inside the incident's own transaction, with the answer.
        var (keyProblem, key) = ApiIdempotency.KeyOf(http, caller, body, required: true);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var report = new IncidentReport
        {
            Title = request.Title ?? string.Empty,
            Description = request.Description,
            Source = source.Value,
            CategoryCode = request.CategoryCode,
            CategoryId = request.CategoryId,
            Priority = request.Priority ?? IncidentPriority.Normal,
            GridId = request.GridId,
            GridCode = request.GridCode,
            Latitude = request.Latitude,
            Longitude = request.Longitude,
            Address = request.Address,
            PlaceId = request.PlaceId,
            ReporterName = request.ReporterName,
            ReporterPhone = request.ReporterPhone,
            ReporterGridWorkerId = request.ReporterGridWorkerId,
            ReportedAt = request.ReportedAt?.UtcDateTime,
            PhotoUrls = request.PhotoUrls,
        };
        var idempotency = new IntakeIdempotency(key!, (incident, gridCode) => ApiIdempotency.Serialize(IncidentDto.From(IncidentRecord.From(incident, gridCode))));
        var result = await intake.ReportAsync(report, caller.Actor, caller.ScopeCode, idempotency, cancellationToken);
        return result.Status switch
        {
            IntakeStatus.Created => ApiIdempotency.Stored(result.Answer!, StatusCodes.Status201Created, $"/api/v1/incidents/{result.Incident!.Id}"),
            IntakeStatus.Replayed => ApiIdempotency.Replayed(http, result.Replay!, $"/api/v1/incidents/{result.Replay!.ResourceId}"),
            IntakeStatus.KeyReused => ApiIdempotency.KeyReused(),
            IntakeStatus.KeyInFlight => ApiIdempotency.KeyInFlight(),
            IntakeStatus.OutOfScope => ApiProblems.Forbidden("The place lies outside your area."),
            _ => ApiProblems.Unprocessable(new Dictionary<string, string[]>(result.Errors!)),
        };
    }

    private static async Task<IResult> ListAsync(HttpContext http, IncidentQueries queries, CancellationToken cancellationToken)
    {
        var (filter, errors) = IncidentListParameters.Parse(http.Request.Query);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("One or more filters are invalid.", errors);
        }
        var caller = ApiCaller.From(http.User);
        if (filter.Node is { } node && caller.ScopeCode is { } scope && !HierarchyCode.IsWithin(node, scope) && !scope.StartsWith(node, StringComparison.Ordinal))
        {
            return ApiProblems.Forbidden("The node lies outside your area.");
        }
        var page = await queries.ListAsync(filter, caller.ScopeCode, cancellationToken);
        return TypedResults.Ok(new PageDto<IncidentDto>([.. page.Items.Select(i => IncidentDto.From(i))], filter.Page, filter.PageSize, page.Total));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext http, IncidentQueries queries, CancellationToken cancellationToken)
    {
        var incident = await queries.FindAsync(id, cancellationToken);
        if (incident is null)
        {
            return ApiProblems.NotFound($"Incident {id} does not exist.");
        }
        return HierarchyCode.IsWithin(incident.GridCode ?? string.Empty, ApiCaller.From(http.User).ScopeCode)
            ? TypedResults.Ok(IncidentDto.From(incident, await queries.HistoryAsync(id, cancellationToken)))
            : ApiProblems.Forbidden();
    }

    private static async Task<IResult> TransitionAsync(
        long id, HttpContext http, IncidentTransitionService transitions, IncidentQueries queries, AuditLog audit, CancellationToken cancellationToken)
    {
        var (request, _, problem) = await ApiJson.ReadAsync<TransitionRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new Dictionary<string, string[]>();
        if (request!.Action is not { } action || !IncidentLifecycle.RequestableActions.Contains(action))
        {
            errors["action"] = [$"One of: {string.Join(", ", IncidentLifecycle.RequestableActions.Select(a => char.ToLowerInvariant(a.ToString()[0]) + a.ToString()[1..]))}."];
        }
        if (request.Version is not { } version || version < 1)
        {
            errors["version"] = ["The version you last saw is required."];
        }
        if (request.Rating is { } rating && !Enum.IsDefined((RatingLevel)rating))
        {
            errors["rating"] = ["1 (非常不满意) to 5 (非常满意)."];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Unprocessable(errors);
        }

        var caller = ApiCaller.From(http.User);
        var command = new IncidentCommand(request.Action!.Value, request.Version!.Value, request.Note, request.Tier, request.HandlingUnitId,
            request.NewResolveDueAt?.UtcDateTime, request.DuplicateOfId, (RatingLevel?)request.Rating, request.Reached);
        var result = await transitions.ApplyAsync(id, command, caller.Actor, caller.ScopeCode, cancellationToken);
        await AuditTransitionAsync(http, audit, id, command, result, cancellationToken);
        if (result.Status is TransitionStatus.NotFound)
        {
            return ApiProblems.NotFound(result.Message!);
        }
        if (result.Status is TransitionStatus.OutOfScope)
        {
            return ApiProblems.Forbidden();
        }
        var current = await queries.FindAsync(id, cancellationToken) is { } incident ? IncidentDto.From(incident) : null;
        return result.Status switch
        {
            TransitionStatus.Applied => TypedResults.Ok(current),
            TransitionStatus.Invalid => ApiProblems.Unprocessable(new Dictionary<string, string[]>(result.Errors!), result.Message!),
            _ => ApiProblems.Conflict(result.Message!, current),
        };
    }

    /// <summary>Audited as the console audits: incident.&lt;action&gt;, or incident.&lt;action&gt;.rejected with the reason.</summary>
    private static Task<AuditEntry> AuditTransitionAsync(
        HttpContext http, AuditLog audit, long id, IncidentCommand command, TransitionResult result, CancellationToken cancellationToken)
    {
        var action = IncidentDetailPage.AuditPrefix + command.Action.ToString().ToLowerInvariant();
        var detail = result.Succeeded
            ? string.Create(CultureInfo.InvariantCulture, $"api; version {result.Incident!.Version}, stage {result.Incident.Stage}")
            : string.Create(CultureInfo.InvariantCulture, $"api; {result.Status}: {result.Message} (sent version {command.Version})");
        var actor = http.AuditActor();
        return audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, result.Succeeded ? action : action + IncidentDetailPage.RejectedSuffix,
            nameof(Incident), id.ToString(CultureInfo.InvariantCulture), detail, actor.RemoteIp), cancellationToken);
    }
}

/// <summary>The report source implied by a machine channel's name, when the request does not say.</summary>
public static class ChannelSources
{
    public static SourceChannel? SourceOf(string? channel) => channel?.ToLowerInvariant() switch
    {
        "grid-worker-app" or "grid-worker" => SourceChannel.GridWorker,
        "hotline-12345" or "12345" => SourceChannel.Hotline12345,
        "woyaoshuo" or "wo-yao-shuo" => SourceChannel.WoYaoShuo,
        "sos-gateway" or "sos" => SourceChannel.Sos,
        "video-iot" or "iot" => SourceChannel.VideoIot,
        "open311" => SourceChannel.Open311,
        null => SourceChannel.DutyOfficer,
        _ => null,
    };
}
