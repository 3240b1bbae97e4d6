using CommandCenter.Data.People;
using CommandCenter.Data.Security;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.Data.Tests.Security;

public sealed class InstallationSecretsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"cc-keys-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private InstallationSecrets Create(params (string Key, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        values[InstallationSecrets.KeyDirectorySetting] = _directory;
        values.TryAdd("Demo:Enabled", "false");
        return new InstallationSecrets(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    [Fact]
    public void A_configured_key_is_used_as_base64_or_as_text_and_no_file_is_written()
    {
        var raw = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        Assert.Equal(raw, Create((InstallationSecrets.AuditHmacKeySetting, Convert.ToBase64String(raw))).AuditHmacKey);
        Assert.Equal("phrase of the installation"u8.ToArray(), Create((InstallationSecrets.AuditHmacKeySetting, "phrase of the installation")).AuditHmacKey);
        Assert.False(Directory.Exists(_directory) && Directory.EnumerateFiles(_directory).Any());
    }

    [Fact]
    public void An_unset_key_is_generated_once_stored_beside_the_data_and_read_back_on_the_next_start()
    {
        var first = Create().AuditHmacKey;
        var again = Create().AuditHmacKey;

        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
        Assert.True(File.Exists(Path.Combine(_directory, "audit-hmac.key")));
        Assert.NotEqual(first, Create().IdNumberHashKey);
    }

    [Fact]
    public void Demo_mode_keeps_the_demo_id_number_key_and_outside_demo_mode_the_configured_or_generated_one_is_used()
    {
        Assert.Equal(IdNumberHasher.DefaultKey, Create(("Demo:Enabled", "true")).IdNumberHashKey);
        Assert.NotEqual(IdNumberHasher.DefaultKey, Create().IdNumberHashKey);
        Assert.Equal("mine-0123456789abcdef"u8.ToArray(), Create((InstallationSecrets.IdNumberHashKeySetting, "mine-0123456789abcdef")).IdNumberHashKey);
    }
}
