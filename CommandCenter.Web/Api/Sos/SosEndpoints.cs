using CommandCenter.Data;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Sos;
using CommandCenter.Web.Authentication;

namespace CommandCenter.Web.Api.Sos;

/// <summary>
/// POST /api/v1/sos: a device alarm. Registered devices are never rate-limited; alarms from unregistered serials are
/// limited per API key (Sos:UnregisteredPerKeyPerMinute, 429 with Retry-After beyond). A new alarm answers 201 with
/// its incident's Location; a press while the device's alarm is still raised is added to it and answers 200 with the
/// same alarm (alarmCount, latest position and times).
/// </summary>
public static class SosEndpoints
{
    public sealed record SosRequest(string? DeviceId, double? Latitude, double? Longitude, DateTimeOffset? Time);

    public sealed record SosAlertDto(
        long Id, long? IncidentId, int GridId, SosStatus Status, DateTime RaisedAt, DateTime ReceivedAt,
        int AlarmCount, double Latitude, double Longitude, DateTime? LastRaisedAt, DateTime? LastReceivedAt, bool IsUnregisteredDevice)
    {
        public static SosAlertDto From(SosAlert a) => new(a.Id, a.IncidentId, a.GridId, a.Status, a.RaisedAt, a.ReceivedAt,
            a.AlarmCount, a.Latitude, a.Longitude, a.LastRaisedAt, a.LastReceivedAt, a.IsUnregisteredDevice);
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

    private static async Task<IResult> RaiseAsync(
        HttpContext http, SosIntakeService sos, UnregisteredSosLimiter unregistered, CancellationToken cancellationToken)
    {
        var (request, body, problem) = await ApiJson.ReadAsync<SosRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var caller = ApiCaller.From(http.User);
        var (keyProblem, key) = ApiIdempotency.KeyOf(http, caller, body, required: false);
        if (keyProblem is not null)
        {
            return keyProblem;
        }
        if (await unregistered.WaitAsync(request!.DeviceId, caller.ClientId, cancellationToken) is { } wait)
        {
            return ClientThrottle.TooManyRequests(http, wait, "Too many alarms from unregistered devices with this key.");
        }
        var signal = new SosSignal(request.DeviceId ?? string.Empty, request.Latitude, request.Longitude, request.Time?.UtcDateTime)
        {
            ScopeCode = caller.ScopeCode,
        };
        var raised = await sos.RaiseAsync(signal, ApiIdempotency.Request<SosAlert>(key, SosAlertDto.From), cancellationToken);
        if (raised is { Outcome: IdempotencyOutcome.New, Result: { Succeeded: true, Value: { AlarmCount: > 1 } added } })
        {
            // Added to the device's open alarm: nothing new was created.
            var location = $"/api/v1/incidents/{added.IncidentId}";
            return raised.Answer is { } answer ? ApiIdempotency.Stored(answer, StatusCodes.Status200OK, location) : TypedResults.Ok(SosAlertDto.From(added));
        }
        return ApiIdempotency.Answer(http, raised, incidentId => $"/api/v1/incidents/{incidentId}", a => a.IncidentId ?? 0, SosAlertDto.From);
    }
}
