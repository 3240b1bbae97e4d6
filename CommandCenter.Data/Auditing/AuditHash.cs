using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Data.Auditing;

/// <summary>
/// The hash chain of the audit log: HMAC-SHA256 with the installation's audit key over the previous hash and the
/// entry's fields (entries written before the key existed used plain SHA-256 and stay verifiable as such).
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public const int Sha256Version = 1;
    public const int HmacVersion = 2;

    private const char Separator = '\u001f';
    private const string NullMarker = "\u2400";

    /// <summary>The entry's hash for its <see cref="AuditEntry.HashVersion"/>.</summary>
    public static string Compute(string previousHash, AuditEntry entry, byte[] key)
    {
        var bytes = Encoding.UTF8.GetBytes(Text(previousHash, entry));
        return Convert.ToHexStringLower(entry.HashVersion == Sha256Version ? SHA256.HashData(bytes) : HMACSHA256.HashData(key, bytes));
    }

    /// <summary>The signature of the chain head: chain, newest id, count and hash.</summary>
    public static string Sign(AuditChainHead head, byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(
        string.Join(Separator, "head", head.Id.ToString(CultureInfo.InvariantCulture), head.LastEntryId.ToString(CultureInfo.InvariantCulture),
            head.Count.ToString(CultureInfo.InvariantCulture), head.LastHash))));

    private static string Text(string previousHash, AuditEntry entry) => new StringBuilder(256)
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

    /// <summary>
    /// Timestamps are hashed at microsecond precision, the finest every provider stores (PostgreSQL),
    /// so a value read back hashes like the value written.
    /// </summary>
    public static DateTime Normalize(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
