using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Data.People;

/// <summary>
/// The keyed hash stored in <see cref="Resident.IdNumberHash"/>: HMAC-SHA256 of the upper-cased number, lower-case hex,
/// so a search by ID number compares hashes, never plain text. The installation's key comes from
/// <see cref="Security.InstallationSecrets.IdNumberHashKey"/> (People:IdNumberHashKey, or a generated key file).
/// </summary>
public static class IdNumberHasher
{
    /// <summary>The demo key: demo mode without a configured key keeps it, so the generated district is reproducible.</summary>
    public static readonly byte[] DefaultKey = Encoding.UTF8.GetBytes("CommandCenter.Resident.IdNumber.v1");

    /// <summary>With the demo key (the demo generator; tests).</summary>
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
