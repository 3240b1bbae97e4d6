using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Sos;

namespace CommandCenter.Web.Api.Sos;

/// <summary>POST /api/v1/sos: a device alarm. Never rate-limited.</summary>
public static class SosEndpoints
{
    public sealed record SosRequest(string? DeviceId, double? Latitude, double? Longitude, DateTimeOffset? Time);

    public sealed record SosAlertDto(long Id, long? IncidentId, int GridId, SosStatus Status, DateTime RaisedAt, DateTime ReceivedAt);

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

    private static async Task<IResult> RaiseAsync(HttpContext http, ApiIdempotency idempotency, SosIntakeService sos, CancellationToken cancellationToken)
    {
        var (request, body, problem) = await ApiJson.ReadAsync<SosRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var caller = ApiCaller.From(http.User);
        var (answer, recordId) = await idempotency.BeginAsync(http, caller, body, required: false, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }
        try
        {
            var result = await sos.RaiseAsync(new SosSignal(request!.DeviceId ?? string.Empty, request.Latitude, request.Longitude, request.Time?.UtcDateTime), recordId, cancellationToken);
            if (!result.Succeeded)
            {
                return await idempotency.FinishAsync(recordId, ApiProblems.From(result), StatusCodes.Status422UnprocessableEntity, null, null, cancellationToken);
            }
            var alert = result.Value!;
            var dto = new SosAlertDto(alert.Id, alert.IncidentId, alert.GridId, alert.Status, alert.RaisedAt, alert.ReceivedAt);
            var location = $"/api/v1/incidents/{alert.IncidentId}";
            return await idempotency.FinishAsync(recordId, TypedResults.Created(location, dto), StatusCodes.Status201Created, dto, location, cancellationToken);
        }
        catch
        {
            await idempotency.AbandonAsync(recordId);
            throw;
        }
    }
}
