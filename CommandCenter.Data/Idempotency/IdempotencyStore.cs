using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Idempotency;

/// <summary>An Idempotency-Key as an operation checks it: the client, the key and the hash of the request.</summary>
public sealed record IdempotencyKey(string ClientId, string Key, string RequestHash);

/// <summary>A request's key, and the answer (the response text) to store for its replays once the operation succeeded.</summary>
public sealed record IdempotentRequest<T>(IdempotencyKey Key, Func<T, string> Answer);

/// <summary>What a key's stored record says about a request.</summary>
public enum IdempotencyOutcome
{
    /// <summary>Not seen before: go ahead, and record the key in the operation's transaction.</summary>
    New = 0,
    /// <summary>Committed before with the same request: replay <see cref="Idempotent{T}.Record"/>.</summary>
    Replay = 1,
    /// <summary>The key was used for a different request (422).</summary>
    KeyReused = 2,
    /// <summary>Reserved by a request still in progress (a reservation left by an older version of the app; 409).</summary>
    InFlight = 3,
}

/// <param name="Result">The operation's result, when it ran (<see cref="IdempotencyOutcome.New"/>).</param>
/// <param name="Record">The stored record to answer with, when the key was seen before.</param>
/// <param name="Answer">The answer stored with the key, when the operation succeeded with one.</param>
public sealed record Idempotent<T>(IdempotencyOutcome Outcome, T? Result = default, IdempotencyRecord? Record = null, string? Answer = null);

/// <summary>
/// The one Idempotency-Key mechanism (IETF httpapi-idempotency-key draft): the key is looked up and recorded inside the
/// operation's own transaction, with the answer for replays, so the record and the operation commit together or not
/// at all. There is no reservation: a concurrent duplicate waits on the unique (client, key) index, fails when the first
/// commits, and looks again (then replays).
/// </summary>
public static class IdempotencyStore
{
    public const int MaxKeyLength = 128;

    /// <summary>After this an in-flight reservation (written by older versions) counts as abandoned and is taken over.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(60);

    private const int MaxAttempts = 3;

    /// <summary>A key is 1–128 printable ASCII characters.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= '!' and <= '~');

    /// <summary>What <paramref name="stored"/> (the record of the same client and key, or null) says about a request.</summary>
    public static IdempotencyOutcome Judge(IdempotencyRecord? stored, IdempotencyKey key, DateTime now) => stored switch
    {
        null => IdempotencyOutcome.New,
        _ when stored.RequestHash != key.RequestHash => IdempotencyOutcome.KeyReused,
        { State: IdempotencyState.Completed } => IdempotencyOutcome.Replay,
        _ when now - stored.CreatedAt < AbandonAfter => IdempotencyOutcome.InFlight,
        _ => IdempotencyOutcome.New,
    };

    /// <summary>
    /// Looks the key up on the operation's context, inside its transaction. An abandoned reservation is removed, so
    /// this request takes the key over.
    /// </summary>
    public static async Task<(IdempotencyOutcome Outcome, IdempotencyRecord? Record)> CheckAsync(
        CommandCenterDbContext db, IdempotencyKey key, DateTime now, CancellationToken cancellationToken)
    {
        var stored = await db.Set<IdempotencyRecord>().SingleOrDefaultAsync(r => r.ClientId == key.ClientId && r.Key == key.Key, cancellationToken);
        var outcome = Judge(stored, key, now);
        if (outcome == IdempotencyOutcome.New && stored is not null)
        {
            db.Remove(stored);
            await db.SaveChangesAsync(cancellationToken);
        }
        return (outcome, stored);
    }

    /// <summary>The completed record of a key, added to the operation's context: it commits with the operation.</summary>
    public static IdempotencyRecord Add(
        CommandCenterDbContext db, IdempotencyKey key, int statusCode, string resourceType, long resourceId, string? answer, DateTime now)
    {
        var record = new IdempotencyRecord
        {
            ClientId = key.ClientId, Key = key.Key, RequestHash = key.RequestHash, State = IdempotencyState.Completed,
            StatusCode = statusCode, ResourceType = resourceType, ResourceId = resourceId, ResponseBody = answer, CreatedAt = now, CompletedAt = now,
        };
        db.Add(record);
        return record;
    }

    /// <summary>A write refused before it looked at its key (its input is invalid): nothing was written or recorded.</summary>
    public static Idempotent<OperationResult<T>> Refused<T>(OperationResult<T> refusal) => new(IdempotencyOutcome.New, refusal);

    /// <summary>
    /// Runs a write with its optional key in one transaction: a key seen before answers at once (the operation does not
    /// run); otherwise the operation runs on the given context, and when it succeeds the key is recorded with
    /// <paramref name="statusCode"/> and the answer, and both commit together. A refused operation writes nothing
    /// (the transaction is rolled back). Publish change notices after this returns, never inside the operation.
    /// </summary>
    /// <param name="operation">Does its reads and writes on the context (saving them); it must not commit.</param>
    public static async Task<Idempotent<OperationResult<T>>> RunAsync<T>(
        IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time, IdempotentRequest<T>? idempotency,
        int statusCode, string resourceType, Func<T, long> resourceId,
        Func<CommandCenterDbContext, DateTime, CancellationToken, Task<OperationResult<T>>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                using var gate = await SqliteWriteGate.EnterAsync(db, cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var now = time.GetUtcNow().UtcDateTime;
                if (idempotency is not null)
                {
                    var (outcome, stored) = await CheckAsync(db, idempotency.Key, now, cancellationToken);
                    if (outcome != IdempotencyOutcome.New)
                    {
                        return new Idempotent<OperationResult<T>>(outcome, Record: stored);
                    }
                }
                var result = await operation(db, now, cancellationToken);
                if (!result.Succeeded)
                {
                    return new Idempotent<OperationResult<T>>(IdempotencyOutcome.New, result);
                }
                string? answer = null;
                if (idempotency is not null)
                {
                    answer = idempotency.Answer(result.Value!);
                    Add(db, idempotency.Key, statusCode, resourceType, resourceId(result.Value!), answer, now);
                    await db.SaveChangesAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                return new Idempotent<OperationResult<T>>(IdempotencyOutcome.New, result, Answer: answer);
            }
            catch (DbUpdateException) when (idempotency is not null && attempt < MaxAttempts)
            {
                // A concurrent request with the same key committed first (the unique index refused this one): look again.
            }
        }
    }
}
