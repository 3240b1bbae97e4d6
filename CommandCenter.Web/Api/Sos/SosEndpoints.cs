using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Sos;

namespace CommandCenter.Web.Api.Sos;

/// <summary>POST /api/v1/sos: a device alarm. Never rate-limited.</summary>
public static class SosEndpoints
{
    public sealed record SosRequest(string? DeviceId, double? Latitude, double? Longitude, DateTimeOffset? Time);

    public sealed record SosAlertDto(long Id, long? IncidentId, int GridId, SosStatus Status, DateTime RaisedAt, DateTime ReceivedAt)
    {
        public static SosAlertDto From(SosAlert a) => new(a.Id, a.IncidentId, a.GridId, a.Status, a.RaisedAt, a.ReceivedAt);
    }

    public sealed record SosAcknowledgementDto(long Id, long? IncidentId, SosStatus Status, DateTime? AcknowledgedAt, string? AcknowledgedBy)
    {
        public static SosAcknowledgementDto From(SosAlert alert) => new(alert.Id, alert.IncidentId, alert.Status, alert.AcknowledgedAt, alert.AcknowledgedBy);
    }

    public static RouteGroupBuilder MapSosEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/sos", RaiseAsync).WithTags("SOS").RequireAuthorization(ApiPolicies.Sos).DisableRateLimiting()
            .WithSummary("Raise a one-key SOS alarm from a device (Idempotency-Key optional)");
        api.MapPost("/sos/{id:long}/acknowledge", AcknowledgeAsync).WithTags("SOS").RequireAuthorization(ApiPolicies.Handle).DisableRateLimiting()
            .WithSummary("Acknowledge a raised SOS alarm (signed-in duty officers and admins in scope; 409 names who acknowledged first)");
        return api;
    }

    /// <summary>Machine channels carry no role, so only a signed-in duty officer or admin acknowledges.</summary>
    private static async Task<IResult> AcknowledgeAsync(long id, HttpContext http, SosAcknowledgementService acknowledgements, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var officer = new ActingOfficer(caller.Actor.UserId, caller.Actor.Name, caller.ScopeCode, [.. Roles.All.Where(http.User.IsInRole)]);
        var result = await acknowledgements.AcknowledgeAsync(id, officer, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(SosAcknowledgementDto.From(result.Value!))
            : ApiProblems.From(result, SosAcknowledgementDto.From);
    }

    private static async Task<IResult> RaiseAsync(HttpContext http, SosIntakeService sos, CancellationToken cancellationToken)
    {
        var (request, body, problem) = await ApiJson.ReadAsync<SosRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var (keyProblem, key) = ApiIdempotency.KeyOf(http, ApiCaller.From(http.User), body, required: false);
        if (keyProblem is not null)
        {
            return keyProblem;
        }
        var signal = new SosSignal(request!.DeviceId ?? string.Empty, request.Latitude, request.Longitude, request.Time?.UtcDateTime);
        var raised = await sos.RaiseAsync(signal, ApiIdempotency.Request<SosAlert>(key, SosAlertDto.From), cancellationToken);
        return ApiIdempotency.Answer(http, raised, incidentId => $"/api/v1/incidents/{incidentId}", a => a.IncidentId ?? 0, SosAlertDto.From);
    }
}
