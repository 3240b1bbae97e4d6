namespace CommandCenter.Data.Auditing;

/// <summary>
/// An append-only audit record. Each entry carries the hash of the one before it, and its own hash is keyed
/// (see <see cref="AuditHash"/>), so an edited, inserted or deleted row breaks the chain; <see cref="AuditChainHead"/>
/// signs the newest entry, so a deleted tail is found too.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    /// <summary>What was done, e.g. sign-in, unmask, incident.accept.</summary>
    public required string Action { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Detail { get; set; }
    public string? RemoteIp { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
    /// <summary><see cref="AuditHash.Sha256Version"/> for entries written before the chain was keyed, <see cref="AuditHash.HmacVersion"/> since.</summary>
    public int HashVersion { get; set; } = AuditHash.HmacVersion;
}
