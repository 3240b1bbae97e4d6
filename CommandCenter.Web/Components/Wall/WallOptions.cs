using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Web.Components.Wall;

/// <summary>The "Wall" configuration section: the data wall (数据大屏).</summary>
public sealed class WallOptions
{
    public const string SectionName = "Wall";

    /// <summary>How old the left column's base numbers may get before they are read again.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan BaseDataRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Data older than this (no load from the database, or no connection to the server) is announced as stale.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The playlist's default interval per view (the URL can override it).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan PlaylistInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new incident pulses on the map.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan PulseFor { get; set; } = TimeSpan.FromMinutes(2);
}
