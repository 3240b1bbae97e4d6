using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;

namespace CommandCenter.Web.Api;

/// <summary>
/// The Idempotency-Key header on POSTs: the same key and body replay the first answer, the same key with another
/// body is 422, and a duplicate while the first is in flight is 409.
/// </summary>
public sealed class ApiIdempotency(IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// The request's Idempotency-Key for an operation that checks it inside its own transaction (incident intake):
    /// no database work here, only the header's rules. Either a problem, or the key (null when absent and not required).
    /// </summary>
    public static (IResult? Problem, IdempotencyKey? Key) KeyOf(HttpContext http, ApiCaller caller, byte[] body, bool required)
    {
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return required ? (MissingKey(), null) : (null, null);
        }
        return IdempotencyStore.IsValidKey(key)
            ? (null, new IdempotencyKey(caller.ClientId, key, RequestHash(http.Request, body)))
            : (MalformedKey(), null);
    }

    /// <summary>The answers for a key already used: the first answer replayed (below), another request (422), or still in flight (409).</summary>
    public static IResult KeyReused() => ApiProblems.Unprocessable(
        new Dictionary<string, string[]> { [Header] = ["This key was used for a different request."] },
        "The Idempotency-Key was already used with another body.");

    public static IResult KeyInFlight() => ApiProblems.Conflict("A request with this Idempotency-Key is still being processed; retry later.");

    private static ProblemHttpResult MissingKey() => ApiProblems.BadRequest(
        $"This request needs an {Header} header (a unique value per report, reused on retries).", new Dictionary<string, string[]> { [Header] = ["Required."] });

    private static ProblemHttpResult MalformedKey() => ApiProblems.BadRequest(
        $"An {Header} is 1–{IdempotencyStore.MaxKeyLength} printable ASCII characters.", new Dictionary<string, string[]> { [Header] = ["Malformed."] });

    /// <summary>
    /// Either an answer to return at once (a problem or a replay), or the id of a fresh reservation
    /// (null when the header is absent and not required).
    /// </summary>
    public async Task<(IResult? Answer, long? RecordId)> BeginAsync(HttpContext http, ApiCaller caller, byte[] body, bool required, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return required ? (MissingKey(), null) : (null, null);
        }
        if (!IdempotencyStore.IsValidKey(key))
        {
            return (MalformedKey(), null);
        }

        var reservation = await store.ReserveAsync(caller.ClientId, key, RequestHash(http.Request, body), cancellationToken);
        return reservation.Outcome switch
        {
            ReservationOutcome.Reserved => (null, reservation.Record!.Id),
            ReservationOutcome.Mismatch => (KeyReused(), null),
            ReservationOutcome.InFlight => (KeyInFlight(), null),
            _ => (Replayed(http, reservation.Record!), null),
        };
    }

    /// <summary>Stores a committed answer for replays (or frees the reservation when nothing was written) and returns it.</summary>
    public async Task<IResult> FinishAsync(long? recordId, IResult answer, int statusCode, object? body, string? location, CancellationToken cancellationToken)
    {
        if (recordId is not { } id)
        {
            return answer;
        }
        if (statusCode is < 200 or > 299 || body is null)
        {
            await store.ReleaseAsync(id, CancellationToken.None);
            return answer;
        }
        // The first answer is sent from the very text stored for replays, so a replay is byte for byte the same.
        var json = Serialize(body);
        await store.SaveResponseAsync(id, json, cancellationToken);
        return new StoredAnswer(json, statusCode, location);
    }

    /// <summary>The text of an answer as stored for replays.</summary>
    public static string Serialize(object body) => JsonSerializer.Serialize(body, ApiJson.Options);

    /// <summary>An answer already stored with its idempotency record (inside the operation's transaction).</summary>
    public static IResult Stored(string json, int statusCode, string? location) => new StoredAnswer(json, statusCode, location);

    /// <summary>Frees a reservation after an unexpected failure, so a retry may go ahead at once.</summary>
    public Task AbandonAsync(long? recordId) => recordId is { } id ? store.ReleaseAsync(id, CancellationToken.None) : Task.CompletedTask;

    /// <summary>The first answer again, marked as a replay.</summary>
    public static IResult Replayed(HttpContext http, IdempotencyRecord record)
    {
        http.Response.Headers[ReplayedHeader] = "true";
        var body = record.ResponseBody ?? JsonSerializer.Serialize(new { resourceType = record.ResourceType, id = record.ResourceId }, ApiJson.Options);
        var location = record.ResourceType == "incident" && record.ResourceId is { } incidentId ? $"/api/v1/incidents/{incidentId}" : null;
        return new StoredAnswer(body, record.StatusCode == 0 ? StatusCodes.Status200OK : record.StatusCode, location);
    }

    /// <summary>A JSON answer from stored text, with its Location when it created something.</summary>
    private sealed class StoredAnswer(string json, int statusCode, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }
            return Results.Text(json, "application/json; charset=utf-8", Encoding.UTF8, statusCode).ExecuteAsync(httpContext);
        }
    }

    private static string RequestHash(HttpRequest request, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
