using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Imports;

/// <summary>Import runs as the API and the administrators' page read them: the recent ones, and one with its rejected rows.</summary>
public sealed class ImportQueries(IDbContextFactory<CommandCenterDbContext> contexts)
{
    public async Task<IReadOnlyList<ImportRun>> RecentAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);
    }

    public async Task<ImportRun?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>The run's rejected rows in spreadsheet order, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<ImportRowError>> ErrorsAsync(long id, int max, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ImportRowErrors.AsNoTracking().Where(e => e.ImportRunId == id)
            .OrderBy(e => e.Row).ThenBy(e => e.Id).Take(max).ToListAsync(cancellationToken);
    }
}
