using CommandCenter.Data.Imports.Kinds;
using CommandCenter.Data.Imports.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Imports;

/// <summary>
/// Runs one <see cref="ImportRun"/>: Running → reads the stored file as a stream → checks every row → applies the valid
/// rows in ONE transaction (a dry run rolls back: counts only) → stores the counts and every rejected row → Succeeded.
/// An unexpected failure rolls the whole file back and marks the run Failed with a message for a clerk. A run that has
/// ended is left as it is, so running it twice is safe; one interrupted while Running starts again from scratch.
/// </summary>
public sealed class ImportRunner(
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    ImportFileStore files,
    ImportKinds kinds,
    ImportAftermath aftermath,
    IOptions<ImportOptions> options,
    TimeProvider time,
    ILogger<ImportRunner> logger)
{
    public async Task<ImportStatus?> RunAsync(long importRunId, CancellationToken cancellationToken)
    {
        var run = await StartAsync(importRunId, cancellationToken);
        if (run is null)
        {
            return null;
        }
        if (run.Status != ImportStatus.Running)
        {
            return run.Status;
        }

        var outcome = new ImportOutcome();
        string? failure = null;
        try
        {
            if (!files.Exists(run.StoredFile))
            {
                throw new ImportFileException("上传的文件已不存在，请重新上传。");
            }
            await ExecuteAsync(run, outcome, cancellationToken);
        }
        catch (ImportFileException ex)
        {
            failure = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Import run {RunId} ({Kind}) failed; nothing was written", run.Id, run.Kind);
            failure = "导入中断，整个文件均未写入（数据库出错或服务异常），请稍后重新导入。" + $"（{ex.GetType().Name}）";
        }

        await FinishAsync(run.Id, outcome, failure, cancellationToken);
        files.Delete(run.StoredFile);
        if (failure is null && !run.DryRun && outcome.Inserted + outcome.Updated > 0)
        {
            await aftermath.AfterAppliedAsync(run.Id, cancellationToken);
        }
        logger.LogInformation("Import run {RunId} ({Kind}, dry run {DryRun}): {Total} rows, {Inserted} inserted, {Updated} updated, {Rejected} rejected{Failure}",
            run.Id, run.Kind, run.DryRun, outcome.Total, outcome.Inserted, outcome.Updated, outcome.Rejected, failure is null ? string.Empty : " — failed");
        return failure is null ? ImportStatus.Succeeded : ImportStatus.Failed;
    }

    /// <summary>Marks the run Running and clears what an interrupted attempt left; returns it unchanged when it has ended.</summary>
    private async Task<ImportRun?> StartAsync(long id, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            logger.LogWarning("Import run {RunId} does not exist", id);
            return null;
        }
        if (run.Status is ImportStatus.Succeeded or ImportStatus.Failed)
        {
            return run;
        }
        await db.ImportRowErrors.Where(e => e.ImportRunId == id).ExecuteDeleteAsync(ct);
        run.Status = ImportStatus.Running;
        run.StartedAt = time.GetUtcNow().UtcDateTime;
        run.TotalRows = run.Inserted = run.Updated = run.Rejected = 0;
        run.Message = null;
        await db.SaveChangesAsync(ct);
        return run;
    }

    private async Task ExecuteAsync(ImportRun run, ImportOutcome outcome, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var sqlite = db is Providers.SqliteCommandCenterDbContext;
        if (sqlite)
        {
            // A large page cache for this run: the indexes of a few hundred thousand rows stay in memory (reset below).
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-262144;", ct);
        }
        try
        {
            await ExecuteInTransactionAsync(db, run, outcome, ct);
        }
        finally
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-2000;", CancellationToken.None);
            }
        }
    }

    private async Task ExecuteInTransactionAsync(CommandCenterDbContext db, ImportRun run, ImportOutcome outcome, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        using var session = new ImportSession(db, run.DryRun, options.Value.BatchSize, outcome, ChinaDay.Of(time.GetUtcNow().UtcDateTime));
        var path = files.PathOf(run.StoredFile);
        if (run.Kind == ImportKind.Hierarchy)
        {
            await using var stream = files.OpenRead(run.StoredFile);
            await kinds.Hierarchy.ImportAsync(session, stream, ct);
        }
        else
        {
            var import = kinds.For(run.Kind);
            using var sheet = SheetReader.Open(path, run.FileName, options.Value);
            ImportPreflight.RequireHeaders(sheet, import.Template);
            await import.ImportAsync(session, sheet, ct);
        }
        if (run.DryRun)
        {
            await transaction.RollbackAsync(ct);
        }
        else
        {
            await transaction.CommitAsync(ct);
        }
    }

    private async Task FinishAsync(long id, ImportOutcome outcome, string? failure, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var run = await db.ImportRuns.SingleAsync(r => r.Id == id, ct);
        if (failure is null)
        {
            foreach (var chunk in outcome.Errors.Chunk(5_000))
            {
                foreach (var error in chunk)
                {
                    error.ImportRunId = id;
                }
                db.ImportRowErrors.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            db.Attach(run);
            run.TotalRows = outcome.Total;
            run.Inserted = outcome.Inserted;
            run.Updated = outcome.Updated;
            run.Rejected = outcome.Rejected;
            run.Status = ImportStatus.Succeeded;
        }
        else
        {
            run.TotalRows = outcome.Total;
            run.Inserted = run.Updated = run.Rejected = 0;
            run.Status = ImportStatus.Failed;
            run.Message = failure.Length <= 2000 ? failure : failure[..2000];
        }
        run.FinishedAt = time.GetUtcNow().UtcDateTime;
        db.Entry(run).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
    }
}
