using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Data.Sos;

/// <summary>The "Sos" section. Registered devices are never limited; alarms from unknown serials are, per API key.</summary>
public sealed class SosOptions
{
    public const string SectionName = "Sos";

    /// <summary>Alarms from unregistered devices one API key may send per minute; beyond, 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int UnregisteredPerKeyPerMinute { get; set; } = 30;
}
