using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Idempotency;

/// <summary>What a reservation found.</summary>
public enum ReservationOutcome
{
    /// <summary>New: go ahead, then complete the record inside the operation's transaction.</summary>
    Reserved = 0,
    /// <summary>Done before with the same request: replay it.</summary>
    Replay = 1,
    /// <summary>The key was used for a different request (422).</summary>
    Mismatch = 2,
    /// <summary>The same request is still being processed (409).</summary>
    InFlight = 3,
}

public sealed record Reservation(ReservationOutcome Outcome, IdempotencyRecord? Record);

/// <summary>
/// Reserve → operate and complete in one transaction → store the response for replays.
/// A reservation left by a crashed request expires after <see cref="AbandonAfter"/> and may be taken over.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time)
{
    public const int MaxKeyLength = 128;
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(60);

    /// <summary>A key is 1–128 printable ASCII characters.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= '!' and <= '~');

    public async Task<Reservation> ReserveAsync(string clientId, string key, string requestHash, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var existing = await db.Set<IdempotencyRecord>().SingleOrDefaultAsync(r => r.ClientId == clientId && r.Key == key, cancellationToken);
            if (existing is not null)
            {
                if (existing.RequestHash != requestHash)
                {
                    return new Reservation(ReservationOutcome.Mismatch, existing);
                }
                if (existing.State == IdempotencyState.Completed)
                {
                    // Committed, but the first request has not stored its answer yet: replaying now would send another
                    // body than the first answer, so the duplicate is still in flight. A request that died between its
                    // commit and storing the answer leaves no body: after AbandonAfter the replay falls back to the resource.
                    return existing.ResponseBody is null && existing.CompletedAt is { } completedAt && now - completedAt < AbandonAfter
                        ? new Reservation(ReservationOutcome.InFlight, existing)
                        : new Reservation(ReservationOutcome.Replay, existing);
                }
                if (now - existing.CreatedAt < AbandonAfter)
                {
                    return new Reservation(ReservationOutcome.InFlight, existing);
                }
                // Abandoned by a request that died before committing: take it over.
                var taken = await db.Set<IdempotencyRecord>()
                    .Where(r => r.Id == existing.Id && r.State == IdempotencyState.InFlight && r.CreatedAt == existing.CreatedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now), cancellationToken);
                if (taken == 1)
                {
                    existing.CreatedAt = now;
                    return new Reservation(ReservationOutcome.Reserved, existing);
                }
                continue;
            }

            var record = new IdempotencyRecord { ClientId = clientId, Key = key, RequestHash = requestHash, State = IdempotencyState.InFlight, CreatedAt = now };
            db.Add(record);
            try
            {
                using var gate = await SqliteWriteGate.EnterAsync(db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return new Reservation(ReservationOutcome.Reserved, record);
            }
            catch (DbUpdateException)
            {
                // Another request reserved the same key first: look again.
            }
        }
        throw new InvalidOperationException("Could not reserve the idempotency key.");
    }

    /// <summary>
    /// Marks the record completed; call it on the operation's context, inside its transaction. With
    /// <paramref name="responseBody"/> the answer for replays is stored in the same write.
    /// </summary>
    public static async Task CompleteAsync(
        CommandCenterDbContext db, long recordId, int statusCode, string resourceType, long resourceId, DateTime now, CancellationToken cancellationToken,
        string? responseBody = null)
    {
        await db.Set<IdempotencyRecord>().Where(r => r.Id == recordId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ResponseBody, responseBody)
            .SetProperty(r => r.State, IdempotencyState.Completed)
            .SetProperty(r => r.StatusCode, statusCode)
            .SetProperty(r => r.ResourceType, resourceType)
            .SetProperty(r => r.ResourceId, resourceId)
            .SetProperty(r => r.CompletedAt, now), cancellationToken);
    }

    /// <summary>Keeps the first response's body for replays (after the commit).</summary>
    public async Task SaveResponseAsync(long recordId, string body, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<IdempotencyRecord>().Where(r => r.Id == recordId && r.State == IdempotencyState.Completed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResponseBody, body), cancellationToken);
    }

    /// <summary>Frees a reservation whose request failed without writing, so the client may retry with the same key.</summary>
    public async Task ReleaseAsync(long recordId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<IdempotencyRecord>().Where(r => r.Id == recordId && r.State == IdempotencyState.InFlight)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
