using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Jobs;

/// <summary>The "Jobs" configuration section.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Background workers on this node (set explicitly: Hangfire's default is 5 × cores, too many for our 2-core machines).</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often the server looks for scheduled and recurring jobs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Run the Hangfire server on this node; a node can serve only the UI and API.</summary>
    public bool RunServer { get; set; } = true;
}
