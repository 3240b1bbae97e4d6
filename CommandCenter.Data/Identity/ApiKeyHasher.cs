using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Data.Identity;

/// <summary>Creates API keys and the hashes we store instead of them.</summary>
public static class ApiKeyHasher
{
    public const int PrefixLength = 8;

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key: "cc_" and 40 URL-safe characters.</summary>
    public static string NewKey()
    {
        Span<byte> bytes = stackalloc byte[30];
        RandomNumberGenerator.Fill(bytes);
        return "cc_" + Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    public static string PrefixOf(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
