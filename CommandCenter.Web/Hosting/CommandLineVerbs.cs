using System.Globalization;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Hosting;

/// <summary>
/// Maintenance verbs run instead of the web host:
/// <c>migrate</c>, <c>seed-demo --scale N [--seed S]</c>, <c>create-admin --user NAME --password P [--name 显示名]</c>.
/// Exit codes: 0 done, 1 failed, 2 bad command line.
/// </summary>
public static class CommandLineVerbs
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string UsageText = """
        Usage: CommandCenter.Web [verb] [options]
          (no verb)                                       run the web application
          migrate                                         apply database migrations and create the roles
          seed-demo --scale N [--seed S]                  load the demo district (N = 1 is the seed documents' size)
          create-admin --user NAME --password P [--name 显示名]
                                                          create an administrator account
        Configuration (e.g. --Database:Provider PostgreSql) may follow any verb.
        """;

    private static readonly Dictionary<string, string[]> AllowedOptions = new(StringComparer.Ordinal)
    {
        ["migrate"] = [],
        ["seed-demo"] = ["scale", "seed"],
        ["create-admin"] = ["user", "password", "name"],
    };

    /// <summary>True when the first argument is a word (not an option or a key=value setting).</summary>
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var verb = args[0];
        if (!AllowedOptions.TryGetValue(verb, out var allowed))
        {
            await error.WriteLineAsync($"Unknown verb '{verb}'.");
            await error.WriteLineAsync(UsageText);
            return Usage;
        }
        if (!TryParseOptions(args.AsSpan(1), allowed, out var options, out var problem))
        {
            await error.WriteLineAsync($"{verb}: {problem}");
            await error.WriteLineAsync(UsageText);
            return Usage;
        }

        try
        {
            return verb switch
            {
                "migrate" => await MigrateAsync(services, output, cancellationToken),
                "seed-demo" => await SeedDemoAsync(services, options, output, error, cancellationToken),
                _ => await CreateAdminAsync(services, options, output, error, cancellationToken),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"{verb} failed: {ex.Message}");
            return Failed;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<StartupTasks>().PrepareDatabaseAsync(forceMigration: true, cancellationToken);
        await output.WriteLineAsync("Database migrated; roles ensured.");
        return Ok;
    }

    private static async Task<int> SeedDemoAsync(
        IServiceProvider services, Dictionary<string, string> options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue("scale", out var scaleText)
            || !double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
            || scale is < 0.001 or > 20)
        {
            await error.WriteLineAsync("seed-demo: --scale is required: a number from 0.001 to 20 (1 = the seed documents' size).");
            return Usage;
        }
        var seed = 20260101;
        if (options.TryGetValue("seed", out var seedText) && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            await error.WriteLineAsync("seed-demo: --seed must be a whole number.");
            return Usage;
        }

        var startup = services.GetRequiredService<StartupTasks>();
        await startup.PrepareDatabaseAsync(forceMigration: true, cancellationToken);
        var seeded = await startup.SeedDemoDistrictAsync(scale, seed, onlyIfEmpty: true, cancellationToken);
        await output.WriteLineAsync(seeded ? $"Demo district seeded (scale {scale}, seed {seed})." : "The database already holds a district; nothing seeded.");
        return Ok;
    }

    private static async Task<int> CreateAdminAsync(
        IServiceProvider services, Dictionary<string, string> options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue("user", out var userName) || string.IsNullOrWhiteSpace(userName))
        {
            await error.WriteLineAsync("create-admin: --user NAME is required.");
            return Usage;
        }
        if (!options.TryGetValue("password", out var password) || string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("create-admin: --password P is required.");
            return Usage;
        }
        var displayName = options.TryGetValue("name", out var name) && !string.IsNullOrWhiteSpace(name) ? name.Trim() : userName;

        await services.GetRequiredService<StartupTasks>().PrepareDatabaseAsync(forceMigration: true, cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            await error.WriteLineAsync($"create-admin: a user named '{userName}' already exists.");
            return Failed;
        }

        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var user = new AppUser { UserName = userName, DisplayName = displayName, CreatedAt = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync($"create-admin: {StartupTasks.Describe(created)}");
            return Failed;
        }
        var role = await users.AddToRoleAsync(user, Roles.Admin);
        if (!role.Succeeded)
        {
            await error.WriteLineAsync($"create-admin: {StartupTasks.Describe(role)}");
            return Failed;
        }

        await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(
            new AuditRecord(null, "command-line", AuditActions.UserCreated, nameof(AppUser), user.Id, $"create-admin {userName}"),
            cancellationToken);
        await output.WriteLineAsync($"Administrator '{userName}' ({displayName}) created.");
        return Ok;
    }

    /// <summary>
    /// Reads "--name value" pairs. Settings for the configuration ("--Section:Key value" or "Key=value") are skipped.
    /// </summary>
    private static bool TryParseOptions(
        ReadOnlySpan<string> args, string[] allowed, out Dictionary<string, string> options, out string? problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"unexpected argument '{arg}'.";
                return false;
            }
            var key = arg[2..];
            if (key.Contains(':', StringComparison.Ordinal))
            {
                i++;
                continue;
            }
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                problem = allowed.Length == 0 ? $"takes no options, got '{arg}'." : $"unknown option '{arg}'.";
                return false;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"option '{arg}' needs a value.";
                return false;
            }
            options[key] = args[++i];
        }
        return true;
    }
}
