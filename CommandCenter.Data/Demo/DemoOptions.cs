using System.ComponentModel.DataAnnotations;
using CommandCenter.Data.Providers;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.Data.Demo;

/// <summary>The "Demo" configuration section.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Null means: on for the embedded SQLite default, off otherwise.</summary>
    public bool? Enabled { get; set; }

    /// <summary>1.0 = the seed documents' numbers; 0.05 for fast tests; 10 for stress.</summary>
    [Range(0.001, 20.0)]
    public double Scale { get; set; } = 1.0;

    public int Seed { get; set; } = 20260101;

    /// <summary>The password of the demo accounts (admin, leader, duty, analyst, wall).</summary>
    [Required, MinLength(8)]
    public string Password { get; set; } = "Demo#2026cc";

    /// <summary>The demo machine-channel key, sent as X-Api-Key.</summary>
    [Required, MinLength(16)]
    public string ApiKey { get; set; } = "cc_demo_0123456789abcdef";

    /// <summary>The live demo: a believable day of reports, transitions and patrols sent through the real services.</summary>
    public DemoSimulatorOptions Simulator { get; set; } = new();

    /// <summary>
    /// The one demo-mode rule: Demo:Enabled when set, otherwise on only for the embedded SQLite default
    /// (provider Sqlite and no connection string), so a production database never gets demo data by accident.
    /// </summary>
    public static bool IsDemoMode(bool? enabled, DatabaseOptions database) =>
        enabled ?? (database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(database.ConnectionString));

    /// <summary>The same rule read straight from configuration (for registrations made before options exist).</summary>
    public static bool IsDemoMode(IConfiguration configuration)
    {
        var database = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.SectionName).Bind(database);
        database.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        return IsDemoMode(configuration.GetSection(SectionName).GetValue<bool?>(nameof(Enabled)), database);
    }
}

/// <summary>The "Demo:Simulator" section.</summary>
public sealed class DemoSimulatorOptions
{
    /// <summary>On by default in demo mode; never runs outside it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>New incidents per hour at the daily peak (nights are far quieter).</summary>
    [Range(0.0, 100_000.0)]
    public double IncidentsPerHour { get; set; } = 120;

    /// <summary>Time acceleration: 60 makes a simulated hour pass in a real minute (rates up, delays down).</summary>
    [Range(0.01, 10_000.0)]
    public double Acceleration { get; set; } = 1;

    /// <summary>How often the simulator ticks.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bounds on the work of one tick.</summary>
    [Range(1, 10_000)]
    public int MaxReportsPerTick { get; set; } = 40;

    [Range(1, 10_000)]
    public int MaxTransitionsPerTick { get; set; } = 80;

    [Range(1, 10_000)]
    public int MaxPatrolActionsPerTick { get; set; } = 40;
}
