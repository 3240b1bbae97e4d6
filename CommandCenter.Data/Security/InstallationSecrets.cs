using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Security;

/// <summary>
/// The installation's own keys, kept outside the database: from configuration (base64, or else the text's UTF-8 bytes),
/// or, when unset, a random 32-byte key made at first start and stored in a file under <c>Secrets:KeyDirectory</c>
/// (default: a "keys" folder beside the SQLite database, App_Data/keys otherwise), never in the database. Several nodes must share the configured value: a file key belongs to one machine.
/// </summary>
public sealed class InstallationSecrets(
    IConfiguration configuration, IOptions<DatabaseOptions>? database = null, ILogger<InstallationSecrets>? logger = null)
{
    public const string KeyDirectorySetting = "Secrets:KeyDirectory";
    public const string AuditHmacKeySetting = "Audit:HmacKey";
    public const string IdNumberHashKeySetting = "People:IdNumberHashKey";

    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger<InstallationSecrets>.Instance;

    /// <summary>The key of the audit log's HMAC chain and signed head.</summary>
    public byte[] AuditHmacKey => Get(AuditHmacKeySetting, "audit-hmac.key");

    /// <summary>
    /// The key of <see cref="People.IdNumberHasher"/>. Demo mode keeps the fixed demo key (the demo generator hashes
    /// with it), so the generated district stays reproducible and searchable by ID number.
    /// </summary>
    public byte[] IdNumberHashKey => DemoOptions.IsDemoMode(configuration)
        ? People.IdNumberHasher.DefaultKey
        : Get(IdNumberHashKeySetting, "id-number-hash.key");

    /// <summary>The named key: configured, or read from (and on first use written to) its file.</summary>
    public byte[] Get(string setting, string fileName) => _keys.GetOrAdd(setting, _ => Load(setting, fileName));

    private byte[] Load(string setting, string fileName)
    {
        var configured = configuration[setting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _logger.LogInformation("Key {Setting} comes from configuration", setting);
            return Decode(configured.Trim());
        }

        var directory = configuration[KeyDirectorySetting] is { Length: > 0 } configuredDirectory
            ? Path.GetFullPath(configuredDirectory)
            : (database?.Value ?? new DatabaseOptions()).DataFolder("keys");
        var path = Path.Combine(directory, fileName);
        Directory.CreateDirectory(directory);
        try
        {
            var key = RandomNumberGenerator.GetBytes(32);
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            _logger.LogWarning(
                "Key {Setting} is not configured: generated a random key in {Path}. Several nodes must configure one shared value instead",
                setting, path);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            _logger.LogInformation("Key {Setting} comes from {Path}", setting, path);
            return Decode(File.ReadAllText(path).Trim());
        }
    }

    private static byte[] Decode(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= 16
            ? buffer[..length]
            : Encoding.UTF8.GetBytes(value);
    }
}
