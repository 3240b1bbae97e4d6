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
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
