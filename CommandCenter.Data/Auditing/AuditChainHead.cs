namespace CommandCenter.Data.Auditing;

/// <summary>
/// The signed head of the audit chain: one row, rewritten (under a database lock) in the same transaction as every
/// append. Its signature is an HMAC with the audit key, so the newest entries cannot be removed unnoticed.
/// </summary>
public class AuditChainHead
{
    /// <summary>The chain; there is one, <see cref="MainChain"/>.</summary>
    public int Id { get; set; }
    public long LastEntryId { get; set; }
    public long Count { get; set; }
    public required string LastHash { get; set; }
    public required string Signature { get; set; }

    public const int MainChain = 1;
}
