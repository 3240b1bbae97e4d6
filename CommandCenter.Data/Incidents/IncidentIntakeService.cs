using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Incidents;

/// <summary>A new report from any channel. The place is a grid id, a grid code, or a position.</summary>
public sealed record IncidentReport
{
    public required string Title { get; init; }
    public string? Description { get; init; }
    public SourceChannel Source { get; init; }
    public int? CategoryId { get; init; }
    public string? CategoryCode { get; init; }
    public IncidentPriority Priority { get; init; } = IncidentPriority.Normal;
    public int? GridId { get; init; }
    public string? GridCode { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Address { get; init; }
    /// <summary>Photo references (see <see cref="IncidentPhotos"/>).</summary>
    public IReadOnlyList<string>? PhotoUrls { get; init; }
    public int? PlaceId { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public int? ReporterGridWorkerId { get; init; }
    /// <summary>When the reporter saw it; now when absent. Terminals may send reports they buffered offline.</summary>
    public DateTime? ReportedAt { get; init; }
}

/// <summary>
/// A report's Idempotency-Key: the intake checks and records it itself, inside the incident's own transaction (see
/// <see cref="IdempotencyStore"/>; a retry that arrives while the first is still queued replays its answer).
/// <see cref="Answer"/> (the incident and its grid code → the response text) is stored with the record.
/// </summary>
public sealed record IntakeIdempotency(IdempotencyKey Key, Func<Incident, string?, string>? Answer = null);

public enum IntakeStatus
{
    Created = 0,
    Invalid = 1,
    OutOfScope = 2,
    /// <summary>The Idempotency-Key was committed before with the same request: <see cref="IntakeResult.Replay"/> is its record.</summary>
    Replayed = 3,
    /// <summary>The Idempotency-Key was used for another request.</summary>
    KeyReused = 4,
    /// <summary>The Idempotency-Key is reserved by a request still in progress.</summary>
    KeyInFlight = 5,
}

/// <param name="GridCode">The code of the grid the report was placed in (set when created).</param>
/// <param name="Answer">The answer stored with the idempotency record, when one was asked for.</param>
/// <param name="Replay">The stored record to answer with, when <see cref="IntakeStatus.Replayed"/>.</param>
public sealed record IntakeResult(
    IntakeStatus Status, Incident? Incident = null, IReadOnlyDictionary<string, string[]>? Errors = null, string? GridCode = null, string? Answer = null,
    IdempotencyRecord? Replay = null)
{
    public bool Succeeded => Status == IntakeStatus.Created;
}

/// <summary>
/// Validates a report, finds its grid, starts its SLA clocks and commits it with its first history row.
/// Every channel (API, Open311, SOS, console, simulator) comes through here.
/// </summary>
public sealed class IncidentIntakeService(
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    GridLocator gridLocator,
    IOptions<SlaOptions> slaOptions,
    TimeProvider time,
    ILiveFeed? liveFeed = null,
    IOptions<IntakeOptions>? intakeOptions = null) : IReferenceDataCache
{
    private readonly IncidentIntakeWriter _writer = new(
        contextFactory, time, intakeOptions?.Value.GroupWindow ?? TimeSpan.Zero, intakeOptions?.Value.MaxQueued ?? new IntakeOptions().MaxQueued);

    /// <summary>Reports waiting for the database on this node (see <see cref="IntakeOptions.MaxQueued"/>).</summary>
    public int Queued => _writer.Queued;

    /// <summary>Reports committed by this service, and the transactions (group commits) that committed them.</summary>
    public (long Reports, long Transactions) Committed => _writer.Committed;

    /// <summary>How long a category edit (such as deactivation) may take to reach intake.</summary>
    public static readonly TimeSpan CategoryCacheLifetime = TimeSpan.FromSeconds(30);

    private CategoryCache? _categories;

    public Task<IntakeResult> ReportAsync(
        IncidentReport report, IncidentActor actor, string? scopeCode, IntakeIdempotency? idempotency = null, CancellationToken cancellationToken = default) =>
        ReportAsync(report, actor, scopeCode, idempotency, alsoInTransaction: null, cancellationToken);

    /// <param name="alsoInTransaction">Further writes committed with the incident (e.g. the SOS alert that raised it).</param>
    public async Task<IntakeResult> ReportAsync(
        IncidentReport report, IncidentActor actor, string? scopeCode, IntakeIdempotency? idempotency,
        Func<CommandCenterDbContext, Incident, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = IncidentReportValidation.Validate(report, now);
        if (errors.Count > 0)
        {
            return await RefuseAsync(new IntakeResult(IntakeStatus.Invalid, Errors: errors), idempotency, cancellationToken);
        }

        var category = await FindCategoryAsync(report, cancellationToken);
        if (category is null || !category.IsActive)
        {
            errors[report.CategoryId is null ? "categoryCode" : "categoryId"] = ["No such active category."];
        }
        var grid = await FindGridAsync(report, cancellationToken);
        if (grid is null)
        {
            errors[report.Latitude is null ? (report.GridId is null ? "gridCode" : "gridId") : "latitude"] =
                [report.Latitude is null ? "No such grid." : "The position lies outside the district's grids."];
        }
        if (errors.Count > 0)
        {
            return await RefuseAsync(new IntakeResult(IntakeStatus.Invalid, Errors: errors), idempotency, cancellationToken);
        }
        await CheckReferencedIdsAsync(report, scopeCode, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return await RefuseAsync(new IntakeResult(IntakeStatus.Invalid, Errors: errors), idempotency, cancellationToken);
        }
        if (!HierarchyCode.IsWithin(grid!.Code, scopeCode))
        {
            return await RefuseAsync(
                new IntakeResult(IntakeStatus.OutOfScope, Errors: new Dictionary<string, string[]> { ["grid"] = ["The place lies outside your area."] }),
                idempotency, cancellationToken);
        }

        var reportedAt = report.ReportedAt?.ToUniversalTime() ?? now;
        var (respondDue, replyDue, resolveDue) = SlaPolicy.Deadlines(slaOptions.Value, category!, report.Priority, report.Source, reportedAt);
        Incident NewIncident() => new()
        {
            Number = string.Empty,
            Title = report.Title.Trim(),
            Description = report.Description?.Trim() ?? string.Empty,
            Source = report.Source,
            CategoryId = category!.Id,
            Priority = report.Priority,
            GridId = grid.Id,
            CommunityId = grid.CommunityId,
            StreetId = grid.StreetId,
            PlaceId = report.PlaceId,
            Address = report.Address?.Trim(),
            PhotoUrls = IncidentPhotos.Join(report.PhotoUrls),
            Latitude = report.Latitude,
            Longitude = report.Longitude,
            ReporterName = report.ReporterName?.Trim(),
            ReporterPhone = report.ReporterPhone?.Trim(),
            ReporterGridWorkerId = report.ReporterGridWorkerId,
            Stage = IncidentStage.Reported,
            Tier = HandlingTier.Grid,
            ReportedAt = reportedAt,
            RespondDueAt = respondDue,
            ReplyDueAt = replyDue,
            ResolveDueAt = resolveDue,
            Version = 1,
            UpdatedAt = now,
            History =
            [
                new IncidentHistory
                {
                    Version = 1,
                    Action = IncidentAction.Report,
                    FromStage = IncidentStage.Reported,
                    ToStage = IncidentStage.Reported,
                    Tier = HandlingTier.Grid,
                    ActorId = actor.UserId,
                    ActorName = actor.Name,
                    At = now,
                },
            ],
        };
        var written = await _writer.CommitAsync(new PendingIntake(NewIncident, category!, grid.Code, idempotency, alsoInTransaction));
        switch (written.Outcome)
        {
            case IntakeWriteOutcome.Replayed:
                return new IntakeResult(IntakeStatus.Replayed, Replay: written.Record);
            case IntakeWriteOutcome.KeyReused:
                return new IntakeResult(IntakeStatus.KeyReused);
            case IntakeWriteOutcome.KeyInFlight:
                return new IntakeResult(IntakeStatus.KeyInFlight);
        }
        var incident = written.Incident!;
        if (liveFeed is not null)
        {
            await liveFeed.PublishAsync(ChangeNotice.ForIncident(ChangeKind.IncidentCreated, incident, null, written.CommittedAt), CancellationToken.None);
        }
        return new IntakeResult(IntakeStatus.Created, incident, GridCode: grid.Code, Answer: written.Answer);
    }

    /// <summary>
    /// A refused report whose Idempotency-Key was committed before: the first answer (or the key's misuse) wins over
    /// the refusal, so a retry never sees another answer than the first, even after a category or scope changed.
    /// </summary>
    private async Task<IntakeResult> RefuseAsync(IntakeResult refusal, IntakeIdempotency? idempotency, CancellationToken cancellationToken)
    {
        if (idempotency?.Key is not { } key)
        {
            return refusal;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.ClientId == key.ClientId && r.Key == key.Key, cancellationToken);
        return IdempotencyStore.Judge(stored, key, time.GetUtcNow().UtcDateTime) switch
        {
            IdempotencyOutcome.KeyReused => new IntakeResult(IntakeStatus.KeyReused),
            IdempotencyOutcome.Replay => new IntakeResult(IntakeStatus.Replayed, Replay: stored),
            _ => refusal,
        };
    }

    /// <summary>The place and the reporting grid worker must exist inside the caller's scope (else the same 422 as a missing id).</summary>
    private async Task CheckReferencedIdsAsync(IncidentReport report, string? scopeCode, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (report.PlaceId is null && report.ReporterGridWorkerId is null)
        {
            return;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (report.PlaceId is { } placeId && !await ScopedIds.PlaceAsync(db, placeId, scopeCode, cancellationToken))
        {
            errors["placeId"] = [$"Place {placeId} does not exist."];
        }
        if (report.ReporterGridWorkerId is { } workerId && !await ScopedIds.GridWorkerAsync(db, workerId, scopeCode, cancellationToken))
        {
            errors["reporterGridWorkerId"] = [$"Grid worker {workerId} does not exist."];
        }
    }

    private async Task<GridShape?> FindGridAsync(IncidentReport report, CancellationToken cancellationToken) =>
        report.GridId is not null || report.GridCode is not null
            ? await gridLocator.FindAsync(report.GridId, report.GridCode, cancellationToken)
            : await gridLocator.LocateAsync(report.Latitude!.Value, report.Longitude!.Value, cancellationToken);

    /// <summary>
    /// The category by id or code. The catalogue is reference data read on every report, so it is cached for
    /// <see cref="CategoryCacheLifetime"/>; a code not in the cache is looked up in the database.
    /// </summary>
    private async Task<IncidentCategory?> FindCategoryAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        var cache = _categories;
        if (cache is null || time.GetUtcNow() - cache.LoadedAt > CategoryCacheLifetime)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var all = await db.IncidentCategories.AsNoTracking().ToListAsync(cancellationToken);
            _categories = cache = new CategoryCache(time.GetUtcNow(), all.ToDictionary(c => c.Id), all.ToDictionary(c => c.Code, StringComparer.Ordinal));
        }
        var found = report.CategoryId is { } id ? cache.ById.GetValueOrDefault(id) : cache.ByCode.GetValueOrDefault(report.CategoryCode ?? string.Empty);
        if (found is not null)
        {
            return found;
        }
        await using var lookup = await contextFactory.CreateDbContextAsync(cancellationToken);
        var categories = lookup.IncidentCategories.AsNoTracking();
        return report.CategoryId is { } byId
            ? await categories.SingleOrDefaultAsync(c => c.Id == byId, cancellationToken)
            : await categories.SingleOrDefaultAsync(c => c.Code == report.CategoryCode, cancellationToken);
    }

    /// <summary>Drops the cached catalogue (after an administrator edits a category, on any node).</summary>
    public void Invalidate() => _categories = null;

    private sealed record CategoryCache(DateTimeOffset LoadedAt, Dictionary<int, IncidentCategory> ById, Dictionary<string, IncidentCategory> ByCode);
}
