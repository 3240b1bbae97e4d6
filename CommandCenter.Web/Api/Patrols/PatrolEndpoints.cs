using CommandCenter.Data.Patrols;
using CommandCenter.Data.Privacy;

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

    public sealed record CheckInDto(long Id, long PatrolId, int GridId, double Latitude, double Longitude, DateTime At, string? Note, string? PhotoRef)
    {
        public static CheckInDto From(PatrolCheckIn c) => new(c.Id, c.PatrolId, c.GridId, c.Latitude, c.Longitude, c.At, PersonalDataMask.FreeText(c.Note), c.PhotoRef);
    }

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
        var (request, body, problem) = await ApiJson.ReadAsync<StartPatrolRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (request!.GridWorkerId is not { } workerId)
        {
            return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["gridWorkerId"] = ["Required."] });
        }
        var caller = ApiCaller.From(http.User);
        var (keyProblem, key) = ApiIdempotency.KeyOf(http, caller, body, required: false);
        if (keyProblem is not null)
        {
            return keyProblem;
        }
        var started = await patrols.StartAsync(workerId, caller.ScopeCode, ApiIdempotency.Request<Patrol>(key, PatrolDto.From), cancellationToken);
        return ApiIdempotency.Answer(http, started, patrolId => $"/api/v1/patrols/{patrolId}", p => p.Id, PatrolDto.From, PatrolDto.From);
    }

    private static async Task<IResult> CheckInAsync(long id, HttpContext http, PatrolService patrols, CancellationToken cancellationToken)
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
        var (keyProblem, key) = ApiIdempotency.KeyOf(http, caller, body, required: false);
        if (keyProblem is not null)
        {
            return keyProblem;
        }
        var checkIn = new PatrolService.CheckInRequest(lat, lon, request.Note, request.PhotoRef, request.At?.UtcDateTime);
        var checkedIn = await patrols.CheckInAsync(id, checkIn, caller.ScopeCode, ApiIdempotency.Request<PatrolCheckIn>(key, CheckInDto.From), cancellationToken);
        return ApiIdempotency.Answer(http, checkedIn, _ => $"/api/v1/patrols/{id}", c => c.Id, CheckInDto.From);
    }

    private static async Task<IResult> EndAsync(long id, HttpContext http, PatrolService patrols, CancellationToken cancellationToken)
    {
        var result = await patrols.EndAsync(id, ApiCaller.From(http.User).ScopeCode, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(PatrolDto.From(result.Value!)) : ApiProblems.From(result, PatrolDto.From);
    }
}
