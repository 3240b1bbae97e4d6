using CommandCenter.Data;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Demo;

/// <summary>The demo sign-ins: one account per role and one machine-channel key. Demo mode only; idempotent.</summary>
public sealed class DemoAccounts(
    UserManager<AppUser> users,
    CommandCenterDbContext db,
    IOptions<DemoOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<DemoAccounts> logger)
{
    public const string ApiKeyChannel = "demo";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> Accounts =
    [
        ("admin", "系统管理员", Roles.Admin),
        ("leader", "指挥中心领导", Roles.Leader),
        ("duty", "值班员", Roles.DutyOfficer),
        ("analyst", "数据分析员", Roles.Analyst),
        ("wall", "数据大屏", Roles.Wall),
    ];

    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        var demo = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (userName, displayName, role) in Accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new AppUser { UserName = userName, DisplayName = displayName, CreatedAt = now };
                var created = await users.CreateAsync(user, demo.Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create demo user {userName}: {StartupTasks.Describe(created)}");
                }
            }
            if (!await users.IsInRoleAsync(user, role))
            {
                await users.AddToRoleAsync(user, role);
            }
        }

        var hash = ApiKeyHasher.Hash(demo.ApiKey);
        if (DemoCredentialsGuard.DefaultKeyExposed(configuration, demo))
        {
            // The operator set a password of their own but not a key: the key anyone can read here never faces a network.
            await db.ApiKeys.Where(k => k.KeyHash == hash && k.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now), cancellationToken);
            logger.LogWarning("DEMO MODE on a network address: the default demo API key is revoked; set Demo:ApiKey for a machine-channel key");
            LogAccounts(demo, keyOffered: false);
            return;
        }
        // The demo key is a reporting channel: it may not handle (void, close) incidents, whatever it held before.
        await db.ApiKeys.Where(k => k.KeyHash == hash && k.Permissions != ApiKeyPermissionNames.Demo)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.Permissions, ApiKeyPermissionNames.Demo), cancellationToken);
        if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash, cancellationToken))
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = "演示密钥",
                Channel = ApiKeyChannel,
                Prefix = ApiKeyHasher.PrefixOf(demo.ApiKey),
                KeyHash = hash,
                Permissions = ApiKeyPermissionNames.Demo,
                CreatedBy = "demo",
                CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        LogAccounts(demo, keyOffered: true);
    }

    /// <summary>Says how to sign in; credentials an operator configured are named, never written to the log.</summary>
    private void LogAccounts(DemoOptions demo, bool keyOffered)
    {
        var password = demo.Password == DemoCredentialsGuard.DefaultPassword ? demo.Password : "(the configured Demo:Password)";
        var key = !keyOffered ? "(none: set Demo:ApiKey)" : demo.ApiKey == DemoCredentialsGuard.DefaultApiKey ? demo.ApiKey : "(the configured Demo:ApiKey)";
        logger.LogWarning(
            "DEMO MODE — sign in as {Users} with password {Password}; machine channels send X-Api-Key: {ApiKey}",
            string.Join(", ", Accounts.Select(a => $"{a.UserName} ({a.Role})")), password, key);
    }
}
