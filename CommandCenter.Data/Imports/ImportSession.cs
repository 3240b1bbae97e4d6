using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Imports;

/// <summary>
/// One run's database work: a context with change detection off, inside the run's transaction. A dry run counts only
/// (nothing is added to the context). Batches are saved and the tracker cleared so memory stays flat.
/// </summary>
public sealed class ImportSession(CommandCenterDbContext db, bool dryRun, int batchSize, ImportOutcome outcome, DateOnly today) : IDisposable
{
    private readonly SqliteRowInserter? _sqlite = !dryRun && db is Providers.SqliteCommandCenterDbContext ? new SqliteRowInserter(db) : null;
    private int _pending;

    /// <summary>Today in China (birth dates after it are refused).</summary>
    public DateOnly Today { get; } = today;

    public CommandCenterDbContext Db { get; } = db;
    public bool DryRun { get; } = dryRun;
    public ImportOutcome Outcome { get; } = outcome;

    /// <summary>Tracks a new entity (not in a dry run).</summary>
    public void Insert(object entity)
    {
        Outcome.Inserted++;
        Add(entity);
    }

    /// <summary>
    /// Writes a helper entity created on the way (a room or household a resident needs); not counted. On SQLite the row is
    /// inserted at once (its key is set); elsewhere it is tracked and saved with the batch.
    /// </summary>
    public void Add(object entity)
    {
        if (DryRun)
        {
            return;
        }
        if (_sqlite is not null)
        {
            _sqlite.Insert(entity);
            return;
        }
        Db.Add(entity);
        _pending++;
    }

    /// <summary>Marks a loaded (untracked) entity as changed (not in a dry run).</summary>
    public void Update(object entity)
    {
        Outcome.Updated++;
        if (!DryRun)
        {
            Db.Entry(entity).State = EntityState.Modified;
            _pending++;
        }
    }

    /// <summary>Saves when a batch is full.</summary>
    public async Task FlushIfFullAsync(CancellationToken cancellationToken)
    {
        if (_pending >= batchSize)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Saves what is pending and forgets the tracked entities (their generated keys stay on the objects).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (DryRun || _pending == 0)
        {
            return;
        }
        await Db.SaveChangesAsync(cancellationToken);
        Db.ChangeTracker.Clear();
        _pending = 0;
    }

    public void Dispose() => _sqlite?.Dispose();
}
