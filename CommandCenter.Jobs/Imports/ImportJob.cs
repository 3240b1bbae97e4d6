using CommandCenter.Data.Imports;
using Hangfire;

namespace CommandCenter.Jobs.Imports;

/// <summary>Runs one uploaded import (by id; the dashboard shows only the id). Safe to run twice: an ended run is left as it is.</summary>
public sealed class ImportJob(ImportRunner runner)
{
    /// <summary>One attempt: an import that failed says why on its run; a retry would only fail the same way.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(long importRunId, CancellationToken cancellationToken) => runner.RunAsync(importRunId, cancellationToken);

    public static string Enqueue(IBackgroundJobClient jobs, long importRunId) =>
        jobs.Enqueue<ImportJob>(job => job.RunAsync(importRunId, CancellationToken.None));
}
