using System.Collections.Concurrent;
using System.Globalization;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Incidents;

/// <summary>How a queued report ended in the writer.</summary>
internal enum IntakeWriteOutcome
{
    Created = 0,
    /// <summary>Its idempotency key was committed before with the same request: replay <see cref="IntakeWrite.Record"/>.</summary>
    Replayed = 1,
    /// <summary>Its idempotency key was used for another request.</summary>
    KeyReused = 2,
    /// <summary>Its idempotency key is reserved by a request still in progress elsewhere.</summary>
    KeyInFlight = 3,
}

/// <param name="CommittedAt">When the transaction that created it committed (for the change notice).</param>
internal sealed record IntakeWrite(
    IntakeWriteOutcome Outcome, Incident? Incident = null, string? Answer = null, IdempotencyRecord? Record = null, DateTime CommittedAt = default);

/// <summary>A report ready to commit: everything is validated; the writer numbers and stores it.</summary>
internal sealed class PendingIntake(
    Func<Incident> newIncident, IncidentCategory category, string gridCode, IntakeIdempotency? idempotency,
    Func<CommandCenterDbContext, Incident, CancellationToken, Task>? alsoInTransaction)
{
    public Func<Incident> NewIncident { get; } = newIncident;
    public IncidentCategory Category { get; } = category;
    public string GridCode { get; } = gridCode;
    public IntakeIdempotency? Idempotency { get; } = idempotency;
    public Func<CommandCenterDbContext, Incident, CancellationToken, Task>? AlsoInTransaction { get; } = alsoInTransaction;
    public TaskCompletionSource<IntakeWrite> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit for intake. Reports queue here; one drain at a time takes up to <see cref="MaxBatch"/> of them and
/// commits them in one transaction: it checks their idempotency keys inside that transaction (so there is no separate
/// reservation commit), numbers them with one counter update per day, inserts them with their first history rows and
/// their completed idempotency records (with the answer for replays), and commits. Each waiting caller then gets its
/// own outcome, so a 2xx still means committed. When a group fails, its reports are retried one by one, so one bad
/// report never fails the others. At rest nothing runs: the drain starts with the first report and ends when the
/// queue is empty. Under load the groups grow by themselves (reports arriving during a commit form the next group),
/// and, while reports come concurrently, the writer waits up to <paramref name="groupWindow"/> for more: that is what
/// makes 200 reports/s cheap, with one transaction, one counter update and one WAL append per group.
/// </summary>
/// <param name="groupWindow">See <see cref="IntakeOptions.GroupWindow"/>: a wall-clock wait to gather a group, not domain time.</param>
/// <param name="maxQueued">See <see cref="IntakeOptions.MaxQueued"/>.</param>
internal sealed class IncidentIntakeWriter(
    IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time, TimeSpan groupWindow, int maxQueued = int.MaxValue)
{
    public const int MaxBatch = 64;
    private const int CreatedStatus = 201;
    private const string IncidentResource = "incident";
    private const int MaxAttempts = 5;

    private readonly ConcurrentQueue<PendingIntake> _queue = new();
    private int _draining;
    private int _queued;
    private int _lastGroupSize;
    private long _reports;
    private long _transactions;

    /// <summary>Reports committed, and the transactions that committed them (their ratio is the mean group size).</summary>
    public (long Reports, long Transactions) Committed => (Interlocked.Read(ref _reports), Interlocked.Read(ref _transactions));

    /// <summary>Reports queued or being written.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Queues a report for the next group commit; throws <see cref="IntakeSaturatedException"/> when the queue is full.</summary>
    public Task<IntakeWrite> CommitAsync(PendingIntake pending)
    {
        var queued = Interlocked.Increment(ref _queued);
        if (queued > maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            throw new IntakeSaturatedException(queued - 1);
        }
        _ = pending.Done.Task.ContinueWith(_ => Interlocked.Decrement(ref _queued), TaskScheduler.Default);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync);
        }
        return pending.Done.Task;
    }

    private async Task DrainAsync()
    {
        var batch = new List<PendingIntake>(MaxBatch);
        while (true)
        {
            Take(batch);
            if (batch.Count > 0)
            {
                if (batch.Count < MaxBatch && _lastGroupSize > 1 && groupWindow > TimeSpan.Zero)
                {
                    // Reports are arriving together: give the others a moment to join this transaction.
                    await Task.Delay(groupWindow);
                    Take(batch);
                }
                _lastGroupSize = batch.Count;
                try
                {
                    await CommitGroupAsync(batch);
                }
                catch (Exception ex)
                {
                    // Never leave a caller waiting, and keep draining for the reports behind this group.
                    batch.ForEach(p => p.Done.TrySetException(ex));
                }
                batch.Clear();
                continue;
            }
            Volatile.Write(ref _draining, 0);
            // A report queued between the last TryDequeue and the reset found the drain running: take it on.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private void Take(List<PendingIntake> batch)
    {
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            batch.Add(next);
        }
    }

    private async Task CommitGroupAsync(List<PendingIntake> batch)
    {
        try
        {
            var results = await WriteAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
            return;
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Isolate the report that failed: each one alone, in order.
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }
        foreach (var pending in batch)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    pending.Done.TrySetResult((await WriteAsync([pending]))[0]);
                    break;
                }
                catch (DbUpdateException) when (attempt < MaxAttempts)
                {
                    // A unique key taken meanwhile (a number written by an import, a key reserved by another instance): again.
                }
                catch (Exception ex)
                {
                    pending.Done.TrySetException(ex);
                    break;
                }
            }
        }
    }

    private async Task<IntakeWrite[]> WriteAsync(List<PendingIntake> batch)
    {
        var cancellationToken = CancellationToken.None; // once queued, a report is committed even if its caller went away
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false; // a failed group is rolled back whole and retried report by report
        using var gate = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var results = new IntakeWrite?[batch.Count];
        var sameAs = await CheckKeysAsync(db, batch, results, now, cancellationToken);

        var incidents = new Incident?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] is null && sameAs[i] < 0)
            {
                incidents[i] = batch[i].NewIncident();
            }
        }
        await NumberAsync(db, incidents, cancellationToken);
        db.Incidents.AddRange(incidents.OfType<Incident>());
        await db.SaveChangesAsync(cancellationToken);
        var further = false;
        for (var i = 0; i < batch.Count; i++)
        {
            if (incidents[i] is { } incident && batch[i].AlsoInTransaction is { } also)
            {
                await also(db, incident, cancellationToken);
                further = true;
            }
        }
        if (further)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        // From here on only idempotency records are written: the cached categories must never be attached.
        db.ChangeTracker.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            if (incidents[i] is not { } incident)
            {
                continue;
            }
            var pending = batch[i];
            incident.Category = pending.Category;
            var answer = pending.Idempotency?.Answer?.Invoke(incident, pending.GridCode);
            results[i] = new IntakeWrite(IntakeWriteOutcome.Created, incident, answer);
            if (pending.Idempotency is { Key: var key })
            {
                IdempotencyStore.Add(db, key, CreatedStatus, IncidentResource, incident.Id, answer, now);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _reports, incidents.Count(i => i is not null));

        var committedAt = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] is { Outcome: IntakeWriteOutcome.Created } created)
            {
                results[i] = created with { CommittedAt = committedAt };
            }
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (sameAs[i] >= 0)
            {
                // The same key and request twice in one group: the second replays the first's answer.
                var first = results[sameAs[i]]!;
                var key = batch[i].Idempotency!.Key;
                results[i] = new IntakeWrite(IntakeWriteOutcome.Replayed, Record: new IdempotencyRecord
                {
                    ClientId = key.ClientId, Key = key.Key, RequestHash = key.RequestHash, State = IdempotencyState.Completed,
                    StatusCode = CreatedStatus, ResourceType = IncidentResource, ResourceId = first.Incident!.Id, ResponseBody = first.Answer, CreatedAt = now, CompletedAt = now,
                });
            }
        }
        return [.. results.Select(r => r!)];
    }

    /// <summary>
    /// Looks up the group's idempotency keys inside the write transaction. Sets the result of every report whose key
    /// was seen before; returns, per report, the index of an earlier report in the group with the same key and request
    /// (it replays that one's answer), or -1.
    /// </summary>
    private static async Task<int[]> CheckKeysAsync(
        CommandCenterDbContext db, List<PendingIntake> batch, IntakeWrite?[] results, DateTime now, CancellationToken cancellationToken)
    {
        var sameAs = new int[batch.Count];
        Array.Fill(sameAs, -1);
        var keys = batch.Select(p => p.Idempotency?.Key.Key).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return sameAs;
        }
        var stored = (await db.Set<IdempotencyRecord>().Where(r => keys.Contains(r.Key)).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.ClientId, r.Key));
        var firstInGroup = new Dictionary<(string, string), int>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Idempotency?.Key is not { } key)
            {
                continue;
            }
            var id = (key.ClientId, key.Key);
            if (stored.TryGetValue(id, out var record))
            {
                var outcome = IdempotencyStore.Judge(record, key, now);
                if (outcome != IdempotencyOutcome.New)
                {
                    results[i] = new IntakeWrite(outcome switch
                    {
                        IdempotencyOutcome.KeyReused => IntakeWriteOutcome.KeyReused,
                        IdempotencyOutcome.Replay => IntakeWriteOutcome.Replayed,
                        _ => IntakeWriteOutcome.KeyInFlight,
                    }, Record: record);
                    continue;
                }
                db.Remove(record); // an abandoned reservation (written by an older version): this report takes the key over
                stored.Remove(id);
            }
            if (firstInGroup.TryGetValue(id, out var first))
            {
                if (batch[first].Idempotency!.Key.RequestHash == key.RequestHash)
                {
                    sameAs[i] = first;
                }
                else
                {
                    results[i] = new IntakeWrite(IntakeWriteOutcome.KeyReused);
                }
                continue;
            }
            firstInGroup[id] = i;
        }
        return sameAs;
    }

    /// <summary>
    /// Numbers are the China date of the report and a daily sequence: one counter update per day in the group
    /// (UPDATE … RETURNING adds the group's count and locks the row until the commit).
    /// </summary>
    private static async Task NumberAsync(CommandCenterDbContext db, Incident?[] incidents, CancellationToken cancellationToken)
    {
        foreach (var day in incidents.OfType<Incident>().GroupBy(i => ChinaDay.Local(i.ReportedAt).ToString("yyyyMMdd", CultureInfo.InvariantCulture)))
        {
            var prefix = day.Key;
            var count = day.Count();
            var last = await NextNumbersAsync(db, prefix, count, cancellationToken);
            var sequence = last - count;
            foreach (var incident in day)
            {
                incident.Number = prefix + (++sequence).ToString("D6", CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Reserves <paramref name="count"/> numbers of the day and returns the last; the first report of a day creates the counter from the highest number stored.</summary>
    private static async Task<long> NextNumbersAsync(CommandCenterDbContext db, string prefix, int count, CancellationToken cancellationToken)
    {
        var key = "incident:" + prefix;
        if (await SequenceCounter.IncrementAsync(db, key, count, cancellationToken) is { } value)
        {
            return value;
        }
        var highest = await db.Incidents.Where(x => x.Number.StartsWith(prefix)).MaxAsync(x => (string?)x.Number, cancellationToken);
        var last = (highest is null ? 0 : long.Parse(highest.AsSpan(prefix.Length), CultureInfo.InvariantCulture)) + count;
        db.Set<SequenceCounter>().Add(new SequenceCounter { Key = key, Value = last });
        await db.SaveChangesAsync(cancellationToken);
        return last;
    }
}
