using CommandCenter.Data.Patrols;

namespace CommandCenter.Web.Api.Patrols;

/// <summary>/api/v1/patrols: start, check in, end.</summary>
public static class PatrolEndpoints
{
    public sealed record StartPatrolRequest(int? GridWorkerId);

    public sealed record CheckInBody(double? Latitude, double? Longitude, string? Note, string? PhotoRef, DateTimeOffset? At);

    public sealed record PatrolDto(long Id, int GridWorkerId, int GridId, DateTime StartedAt, DateTime? EndedAt, int CheckInCount, double DistanceMeters)
    {
        public static PatrolDto From(Patrol p) => new(p.Id, p.GridWorkerId, p.GridId, p.StartedAt, p.EndedAt, p.CheckInCount, Math.Round(p.DistanceMeters, 1));
    }

    public sealed record CheckInDto(long Id, long PatrolId, int GridId, double Latitude, double Longitude, DateTime At, string? Note, string? PhotoRef);

    public static RouteGroupBuilder MapPatrolEndpoints(this RouteGroupBuilder api)
    {
        var patrols = api.MapGroup("/patrols").WithTags("Patrols").RequireAuthorization(ApiPolicies.Patrol);
        patrols.MapPost("/", StartAsync).WithSummary("Start a patrol");
        patrols.MapPost("/{id:long}/check-ins", CheckInAsync).WithSummary("Check in during a patrol (position, optional note and photo reference)");
        patrols.MapPost("/{id:long}/end", EndAsync).WithSummary("End a patrol");
        return api;
    }

    private static async Task<IResult> StartAsync(HttpContext http, PatrolService patrols, CancellationToken cancellationToken)
    {
        var (request, _, problem) = await ApiJson.ReadAsync<StartPatrolRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (request!.GridWorkerId is not { } workerId)
        {
            return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["gridWorkerId"] = ["Required."] });
        }
        var result = await patrols.StartAsync(workerId, ApiCaller.From(http.User).ScopeCode, cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/patrols/{result.Value!.Id}", PatrolDto.From(result.Value))
            : ApiProblems.From(result, PatrolDto.From);
    }

    private static async Task<IResult> CheckInAsync(long id, HttpContext http, ApiIdempotency idempotency, PatrolService patrols, CancellationToken cancellationToken)
    {
        var (request, body, problem) = await ApiJson.ReadAsync<CheckInBody>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (request!.Latitude is not { } lat || request.Longitude is not { } lon)
        {
            return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["latitude"] = ["Latitude and longitude are required."] });
        }
        var caller = ApiCaller.From(http.User);
        var (answer, recordId) = await idempotency.BeginAsync(http, caller, body, required: false, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }
        try
        {
            var result = await patrols.CheckInAsync(id, new PatrolService.CheckInRequest(lat, lon, request.Note, request.PhotoRef, request.At?.UtcDateTime),
                caller.ScopeCode, recordId, cancellationToken);
            if (!result.Succeeded)
            {
                return await idempotency.FinishAsync(recordId, ApiProblems.From(result), StatusCodes.Status422UnprocessableEntity, null, null, cancellationToken);
            }
            var c = result.Value!;
            var dto = new CheckInDto(c.Id, c.PatrolId, c.GridId, c.Latitude, c.Longitude, c.At, c.Note, c.PhotoRef);
            var location = $"/api/v1/patrols/{id}";
            return await idempotency.FinishAsync(recordId, TypedResults.Created(location, dto), StatusCodes.Status201Created, dto, location, cancellationToken);
        }
        catch
        {
            await idempotency.AbandonAsync(recordId);
            throw;
        }
    }

    private static async Task<IResult> EndAsync(long id, HttpContext http, PatrolService patrols, CancellationToken cancellationToken)
    {
        var result = await patrols.EndAsync(id, ApiCaller.From(http.User).ScopeCode, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(PatrolDto.From(result.Value!)) : ApiProblems.From(result, PatrolDto.From);
    }
}
