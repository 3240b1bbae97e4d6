using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Data.Identity;

/// <summary>Creates API keys and the hashes we store instead of them.</summary>
public static class ApiKeyHasher
{
    public const int PrefixLength = 8;

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key: "cc_" and 32 random bytes in unpadded base64url (43 characters).</summary>
    public static string NewKey()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return "cc_" + System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    public static string PrefixOf(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
