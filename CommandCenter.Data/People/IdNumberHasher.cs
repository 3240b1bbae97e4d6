using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Data.People;

/// <summary>
/// The keyed hash stored in <see cref="Resident.IdNumberHash"/>: HMAC-SHA256 of the upper-cased number, lower-case hex,
/// so a search by ID number compares hashes, never plain text.
/// </summary>
public static class IdNumberHasher
{
    /// <summary>The installation key. A fixed default keeps demo data reproducible; production may configure its own.</summary>
    public static readonly byte[] DefaultKey = Encoding.UTF8.GetBytes("CommandCenter.Resident.IdNumber.v1");

    public static string Hash(string idNumber) => Hash(idNumber, DefaultKey);

    public static string Hash(string idNumber, byte[] key)
    {
        Span<byte> input = stackalloc byte[64];
        var length = Encoding.ASCII.GetBytes(idNumber.ToUpperInvariant(), input);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, input[..length], mac);
        return Convert.ToHexStringLower(mac);
    }
}
