namespace CommandCenter.Data.Auditing;

/// <summary>
/// An append-only audit record. Each entry carries the hash of the one before it,
/// so an edited or deleted row breaks the chain.
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
}
