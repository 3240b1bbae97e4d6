using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Data.Auditing;

/// <summary>The hash chain of the audit log: SHA-256 over the previous hash and the entry's fields.</summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const char Separator = '\u001f';
    private const string NullMarker = "\u2400";

    public static string Compute(string previousHash, AuditEntry entry)
    {
        var text = new StringBuilder(256)
            .Append(previousHash).Append(Separator)
            .Append(entry.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)).Append(Separator)
            .Append(entry.UserId ?? NullMarker).Append(Separator)
            .Append(entry.UserName).Append(Separator)
            .Append(entry.Action).Append(Separator)
            .Append(entry.EntityType ?? NullMarker).Append(Separator)
            .Append(entry.EntityId ?? NullMarker).Append(Separator)
            .Append(entry.Detail ?? NullMarker).Append(Separator)
            .Append(entry.RemoteIp ?? NullMarker)
            .ToString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Timestamps are hashed at microsecond precision, the finest every provider stores (PostgreSQL),
    /// so a value read back hashes like the value written.
    /// </summary>
    public static DateTime Normalize(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
