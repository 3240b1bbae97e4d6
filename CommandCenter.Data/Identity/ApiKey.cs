namespace CommandCenter.Data.Identity;

/// <summary>A key for a machine channel, sent as X-Api-Key. Only its SHA-256 hash is stored.</summary>
public class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The channel it reports through, e.g. grid-worker-app, hotline-12345, sos-gateway, open311.</summary>
    public required string Channel { get; set; }
    /// <summary>The first characters of the key, to tell keys apart in lists.</summary>
    public required string Prefix { get; set; }
    /// <summary>Hex SHA-256 of the whole key.</summary>
    public required string KeyHash { get; set; }
    /// <summary>The hierarchy node the key may write to (a code prefix); null for the whole district.</summary>
    public string? ScopeCode { get; set; }
    /// <summary>What the key may do, checked on every request.</summary>
    public ApiKeyPermissions Permissions { get; set; }
    /// <summary>Who made it (a user name, or command-line).</summary>
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
