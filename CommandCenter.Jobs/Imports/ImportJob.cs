using CommandCenter.Data.Imports;
using Hangfire;

namespace CommandCenter.Jobs.Imports;

/// <summary>
/// Runs one uploaded import (by id; the dashboard shows only the id). Safe to run twice: an ended run (succeeded or
/// failed, with its reason) is left as it is, so Hangfire's retries only repeat a run that could not start or finish.
/// </summary>
public sealed class ImportJob(ImportRunner runner)
{
    public Task RunAsync(long importRunId, CancellationToken cancellationToken) => runner.RunAsync(importRunId, cancellationToken);

    public static string Enqueue(IBackgroundJobClient jobs, long importRunId) =>
        jobs.Enqueue<ImportJob>(job => job.RunAsync(importRunId, CancellationToken.None));
}
