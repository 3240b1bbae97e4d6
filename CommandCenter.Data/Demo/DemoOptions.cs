using System.ComponentModel.DataAnnotations;

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
}
