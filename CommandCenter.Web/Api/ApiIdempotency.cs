using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data;

namespace CommandCenter.Web.Api;

/// <summary>
/// The Idempotency-Key header on POSTs: the same key and body replay the first answer, the same key with another
/// body is 422, and a duplicate while the first is in flight is 409. Every endpoint reads the key here once
/// (<see cref="KeyOf"/>) and hands it to its operation, which checks and records it inside its own transaction
/// (<see cref="IdempotencyStore"/>); <see cref="Answer{T}"/> turns the outcome into the response.
/// </summary>
public static class ApiIdempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>What the request's Idempotency-Key header holds.</summary>
    public enum KeyState
    {
        Absent = 0,
        Malformed = 1,
        Valid = 2,
    }

    /// <summary>
    /// The request's Idempotency-Key: either a problem, or the key (null when absent and not required). No database
    /// work here, only the header's rules.
    /// </summary>
    public static (IResult? Problem, IdempotencyKey? Key) KeyOf(HttpContext http, ApiCaller caller, byte[] body, bool required) =>
        Read(http, caller, body, $"{http.Request.Method} {http.Request.Path}") switch
        {
            (KeyState.Absent, _) => required ? (MissingKey(), null) : (null, null),
            (KeyState.Malformed, _) => (MalformedKey(), null),
            (_, var key) => (null, key),
        };

    /// <summary>
    /// The header's key with the request hash over <paramref name="operation"/> and the body, for a channel that
    /// answers in its own error format (Open311).
    /// </summary>
    public static (KeyState State, IdempotencyKey? Key) Read(HttpContext http, ApiCaller caller, byte[] body, string operation)
    {
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return (KeyState.Absent, null);
        }
        return IdempotencyStore.IsValidKey(key)
            ? (KeyState.Valid, new IdempotencyKey(caller.ClientId, key, RequestHash(operation, body)))
            : (KeyState.Malformed, null);
    }

    /// <summary>The request with its key, or null without one; <paramref name="present"/> is the answer's body.</summary>
    public static IdempotentRequest<T>? Request<T>(IdempotencyKey? key, Func<T, object> present) =>
        key is null ? null : new IdempotentRequest<T>(key, value => Serialize(present(value)));

    /// <summary>
    /// The response to an idempotent create (201): the stored first answer for a replay, 422 or 409 for a misused or
    /// busy key, a problem for a refusal, else the created resource. With a key, the first answer is sent from the
    /// very text stored for replays, so a replay is byte for byte the same.
    /// </summary>
    /// <param name="location">Where the created resource is read, from the id its record keeps (<paramref name="resource"/>).</param>
    /// <param name="present">The answer's body (as stored for replays).</param>
    /// <param name="presentCurrent">The current record shown with a refusal (a 409), if any.</param>
    public static IResult Answer<T>(
        HttpContext http, Idempotent<OperationResult<T>> outcome, Func<long?, string> location, Func<T, long> resource,
        Func<T, object> present, Func<T, object>? presentCurrent = null) =>
        outcome.Outcome switch
        {
            IdempotencyOutcome.Replay => Replayed(http, outcome.Record!, location(outcome.Record!.ResourceId)),
            IdempotencyOutcome.KeyReused => KeyReused(),
            IdempotencyOutcome.InFlight => KeyInFlight(),
            _ when !outcome.Result!.Succeeded => ApiProblems.From(outcome.Result, presentCurrent),
            _ when outcome.Answer is { } answer => new StoredAnswer(answer, StatusCodes.Status201Created, location(resource(outcome.Result.Value!))),
            _ => TypedResults.Created(location(resource(outcome.Result.Value!)), present(outcome.Result.Value!)),
        };

    /// <summary>The answers for a key already used: the first answer replayed (below), another request (422), or still in flight (409).</summary>
    public static IResult KeyReused() => ApiProblems.Unprocessable(
        new Dictionary<string, string[]> { [Header] = ["This key was used for a different request."] },
        "The Idempotency-Key was already used with another body.");

    public static IResult KeyInFlight() => ApiProblems.Conflict("A request with this Idempotency-Key is still being processed; retry later.");

    private static ProblemHttpResult MissingKey() => ApiProblems.BadRequest(
        $"This request needs an {Header} header (a unique value per report, reused on retries).", new Dictionary<string, string[]> { [Header] = ["Required."] });

    private static ProblemHttpResult MalformedKey() => ApiProblems.BadRequest(
        $"An {Header} is 1–{IdempotencyStore.MaxKeyLength} printable ASCII characters.", new Dictionary<string, string[]> { [Header] = ["Malformed."] });

    /// <summary>The text of an answer as stored for replays.</summary>
    public static string Serialize(object body) => JsonSerializer.Serialize(body, ApiJson.Options);

    /// <summary>An answer already stored with its idempotency record (inside the operation's transaction).</summary>
    public static IResult Stored(string json, int statusCode, string? location) => new StoredAnswer(json, statusCode, location);

    /// <summary>The first answer again, marked as a replay.</summary>
    public static IResult Replayed(HttpContext http, IdempotencyRecord record, string? location)
    {
        http.Response.Headers[ReplayedHeader] = "true";
        var body = record.ResponseBody ?? JsonSerializer.Serialize(new { resourceType = record.ResourceType, id = record.ResourceId }, ApiJson.Options);
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

    private static string RequestHash(string operation, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{operation}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
