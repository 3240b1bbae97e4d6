using System.Diagnostics;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using CommandCenter.Web.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Hosting;

/// <summary>
/// The start-up sequence, run once before the host starts serving (and, in parts, by the command-line verbs):
/// demo credentials on loopback only (demo mode) → migrate → roles → reference data → demo district (demo mode, when empty) → demo accounts (demo mode).
/// </summary>
public sealed class StartupTasks(
    IServiceScopeFactory scopeFactory,
    DatabaseMigrator migrator,
    IOptions<DatabaseOptions> database,
    IOptions<DemoOptions> demo,
    ReferenceDataSeeder referenceData,
    IConfiguration configuration,
    ILogger<StartupTasks> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var demoEnabled = demo.Value.Enabled == true;
        logger.LogInformation("Start-up: provider {Provider}, demo mode {DemoMode}", database.Value.Provider, demoEnabled ? "on" : "off");
        DemoCredentialsGuard.ThrowIfExposed(configuration, demo.Value, logger);

        await WhileDatabaseIsAwayAsync(() => PrepareDatabaseAsync(forceMigration: false, cancellationToken), cancellationToken);

        if (demoEnabled)
        {
            await SeedDemoDistrictAsync(demo.Value.Scale, demo.Value.Seed, onlyIfEmpty: true, cancellationToken);
            await EnsureDemoAccountsAsync(cancellationToken);
        }
        logger.LogInformation("Start-up finished in {Elapsed:0.0} s", clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A node started while the database is down (a reboot of both, a failover) waits for it instead of exiting: each
    /// attempt that cannot reach the database is logged and retried after 1, 2, 4… up to 30 seconds.
    /// </summary>
    private async Task WhileDatabaseIsAwayAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception ex) when (DatabaseOutage.IsOutage(ex) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Start-up: the database cannot be reached ({Reason}); attempt {Attempt}, trying again in {Wait:0} s",
                    ex.GetBaseException().Message, attempt, wait.TotalSeconds);
                await Task.Delay(wait, cancellationToken);
                wait = TimeSpan.FromSeconds(Math.Min(30, wait.TotalSeconds * 2));
            }
        }
    }

    /// <summary>Migrations (when enabled or forced), the roles, and the reference data every installation needs.</summary>
    public async Task PrepareDatabaseAsync(bool forceMigration, CancellationToken cancellationToken = default)
    {
        if (forceMigration || database.Value.MigrateOnStartup)
        {
            logger.LogInformation("Start-up 1/3: migrating the database");
            await migrator.MigrateAsync(cancellationToken);
        }

        logger.LogInformation("Start-up 2/3: roles");
        await EnsureRolesAsync(cancellationToken);

        logger.LogInformation("Start-up 3/3: reference data");
        await EnsureReferenceDataAsync(cancellationToken);
    }

    /// <summary>Incident categories and other seeded, editable reference data, needed with or without demo mode.</summary>
    private Task EnsureReferenceDataAsync(CancellationToken cancellationToken) =>
        referenceData.EnsureAsync(cancellationToken);

    public async Task EnsureRolesAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new AppRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {Describe(result)}");
                }
                logger.LogInformation("Created role {Role}", role);
            }
        }
    }

    /// <summary>Loads the demo district. Returns false when one exists and <paramref name="onlyIfEmpty"/> is set.</summary>
    public async Task<bool> SeedDemoDistrictAsync(double scale, int seed, bool onlyIfEmpty, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoDistrictSeeder>();
        if (onlyIfEmpty && await seeder.IsSeededAsync(cancellationToken))
        {
            logger.LogInformation("Demo district already present; not seeding");
            return false;
        }

        logger.LogInformation("Seeding the demo district (scale {Scale}, seed {Seed})…", scale, seed);
        var result = await seeder.SeedAsync(scale, seed, new LoggingProgress(logger), cancellationToken);
        logger.LogInformation("Demo district seeded: {Rows} rows in {Elapsed:0.0} s", result.TotalRows, result.Elapsed.TotalSeconds);
        return true;
    }

    public async Task EnsureDemoAccountsAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<DemoAccounts>();
        await accounts.EnsureAsync(cancellationToken);
    }

    internal static string Describe(IdentityResult result) =>
        string.Join("; ", result.Errors.Select(e => e.Description));

    /// <summary>Logs seeding progress synchronously (Progress&lt;T&gt; would post out of order), at most every 2 s per stage.</summary>
    private sealed class LoggingProgress(ILogger logger) : IProgress<DemoSeedProgress>
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
        private string? _stage;

        public void Report(DemoSeedProgress value)
        {
            if (value.Stage == _stage && _sinceLast.Elapsed < TimeSpan.FromSeconds(2) && value.Fraction < 1)
            {
                return;
            }
            _stage = value.Stage;
            _sinceLast.Restart();
            logger.LogInformation("Seeding {Stage}: {Rows} rows, {Percent:0}%", value.Stage, value.RowsWritten, value.Fraction * 100);
        }
    }
}
