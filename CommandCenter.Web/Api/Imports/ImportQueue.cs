using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Imports;
using CommandCenter.Jobs.Imports;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Api.Imports;

/// <summary>
/// Queues an uploaded file, for the API and the administrators' page alike: its first rows are checked at once (a file
/// that is not what it claims is refused and deleted, nothing queued), then the run is stored, handed to Hangfire and audited.
/// </summary>
public sealed class ImportQueue(
    ImportFileStore files, IOptions<ImportOptions> options, IDbContextFactory<CommandCenterDbContext> contexts,
    IBackgroundJobClient jobs, AuditLog audit, TimeProvider time)
{
    /// <summary>The queued run; throws <see cref="ImportFileException"/> (the stored file deleted) when the file is refused.</summary>
    public async Task<ImportRun> QueueAsync(
        ImportKind kind, bool dryRun, string fileName, string storedFile, long size, AuditActor actor, CancellationToken cancellationToken)
    {
        try
        {
            ImportPreflight.Check(kind, files.PathOf(storedFile), fileName, options.Value);
        }
        catch (ImportFileException)
        {
            files.Delete(storedFile);
            throw;
        }

        var run = new ImportRun
        {
            Kind = kind, DryRun = dryRun, FileName = fileName, FileSize = size, StoredFile = storedFile,
            CreatedByUserId = actor.UserId, CreatedBy = actor.UserName.Length <= 256 ? actor.UserName : actor.UserName[..256],
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            run.JobId = ImportJob.Enqueue(jobs, run.Id);
            await db.SaveChangesAsync(cancellationToken);
        }
        await audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, "import.upload", nameof(ImportRun), run.Id.ToString(CultureInfo.InvariantCulture),
            $"{ImportTemplates.NameOf(kind)}, {run.FileName}, {run.FileSize} bytes, dry run: {dryRun}", actor.RemoteIp), cancellationToken);
        return run;
    }
}
