namespace CommandCenter.Data.Idempotency;

public enum IdempotencyState
{
    /// <summary>Reserved by a request still being processed. Only older versions wrote this (they reserved before the work); it expires after <see cref="IdempotencyStore.AbandonAfter"/>.</summary>
    InFlight = 0,
    /// <summary>The operation committed; its response can be replayed.</summary>
    Completed = 1,
}

/// <summary>
/// One Idempotency-Key of one client (IETF httpapi-idempotency-key draft). The operation's own transaction
/// writes the record, so a retry after a crash can never write twice (see <see cref="IdempotencyStore"/>).
/// </summary>
public class IdempotencyRecord
{
    public long Id { get; set; }
    /// <summary>Who sent it: "apikey:{id}" or "user:{id}". Keys of different clients never collide.</summary>
    public required string ClientId { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }
    public IdempotencyState State { get; set; }
    public int StatusCode { get; set; }
    public string? ResourceType { get; set; }
    public long? ResourceId { get; set; }
    /// <summary>The first response's body for replays, written with the record.</summary>
    public string? ResponseBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
