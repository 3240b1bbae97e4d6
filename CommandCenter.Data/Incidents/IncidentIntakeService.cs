using System.Globalization;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Live;
using CommandCenter.Data.Providers;
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
/// The idempotency record a report completes in its own transaction. <paramref name="Answer"/> (the incident and its
/// grid code → the response text) is stored with it, so a replay needs no second write after the commit.
/// </summary>
public sealed record IntakeIdempotency(long RecordId, Func<Incident, string?, string>? Answer = null);

public enum IntakeStatus
{
    Created = 0,
    Invalid = 1,
    OutOfScope = 2,
}

/// <param name="GridCode">The code of the grid the report was placed in (set when created).</param>
/// <param name="Answer">The answer stored with the idempotency record, when one was asked for.</param>
public sealed record IntakeResult(
    IntakeStatus Status, Incident? Incident = null, IReadOnlyDictionary<string, string[]>? Errors = null, string? GridCode = null, string? Answer = null)
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
    ILiveFeed? liveFeed = null)
{
    private const int MaxNumberAttempts = 5;

    /// <summary>How long a category edit (such as deactivation) may take to reach intake.</summary>
    public static readonly TimeSpan CategoryCacheLifetime = TimeSpan.FromSeconds(30);

    private CategoryCache? _categories;

    public Task<IntakeResult> ReportAsync(
        IncidentReport report, IncidentActor actor, string? scopeCode, long? idempotencyRecordId = null, CancellationToken cancellationToken = default) =>
        ReportAsync(report, actor, scopeCode, idempotencyRecordId is { } id ? new IntakeIdempotency(id) : null, alsoInTransaction: null, cancellationToken);

    public Task<IntakeResult> ReportAsync(
        IncidentReport report, IncidentActor actor, string? scopeCode, IntakeIdempotency? idempotency, CancellationToken cancellationToken = default) =>
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
            return new IntakeResult(IntakeStatus.Invalid, Errors: errors);
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
            return new IntakeResult(IntakeStatus.Invalid, Errors: errors);
        }
        if (!HierarchyCode.IsWithin(grid!.Code, scopeCode))
        {
            return new IntakeResult(IntakeStatus.OutOfScope, Errors: new Dictionary<string, string[]> { ["grid"] = ["The place lies outside your area."] });
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
        var (incident, answer) = await CommitAsync(NewIncident, category!, grid.Code, idempotency, alsoInTransaction, now, cancellationToken);
        if (liveFeed is not null)
        {
            await liveFeed.PublishAsync(ChangeNotice.ForIncident(ChangeKind.IncidentCreated, incident, null, now), CancellationToken.None);
        }
        return new IntakeResult(IntakeStatus.Created, incident, GridCode: grid.Code, Answer: answer);
    }

    /// <summary>
    /// Commits the incident (and completes its idempotency record, with the answer) in one transaction. Numbers are
    /// the local date and a daily sequence; a report that loses the race for a number retries on a fresh context.
    /// The incident comes back with its category, so the caller can present it without reading it back.
    /// </summary>
    private async Task<(Incident Incident, string? Answer)> CommitAsync(
        Func<Incident> newIncident, IncidentCategory category, string gridCode, IntakeIdempotency? idempotency,
        Func<CommandCenterDbContext, Incident, CancellationToken, Task>? alsoInTransaction, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            using var gate = await SqliteWriteGate.EnterAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var incident = newIncident();
            var prefix = ChinaDay.Local(incident.ReportedAt).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            long sequence;
            try
            {
                sequence = await NextNumberAsync(db, prefix, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxNumberAttempts)
            {
                continue; // two first reports of a day created the counter at once
            }
            incident.Number = prefix + sequence.ToString("D6", CultureInfo.InvariantCulture);
            db.Incidents.Add(incident);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (alsoInTransaction is not null)
                {
                    await alsoInTransaction(db, incident, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }
                // No SaveChanges after this point: the cached category must never be attached to the context.
                incident.Category = category;
                var answer = idempotency?.Answer?.Invoke(incident, gridCode);
                if (idempotency is not null)
                {
                    await IdempotencyStore.CompleteAsync(db, idempotency.RecordId, 201, "incident", incident.Id, now, cancellationToken, answer);
                }
                await transaction.CommitAsync(cancellationToken);
                return (incident, answer);
            }
            catch (DbUpdateException) when (attempt < MaxNumberAttempts)
            {
                // A unique key taken meanwhile (a side record, or a number written by an import): start again on a fresh context.
            }
        }
    }

    /// <summary>
    /// The day's next sequence number, in one statement (UPDATE … RETURNING / OUTPUT). The UPDATE locks the counter
    /// row until the transaction ends, so concurrent reports queue there; the first report of a day creates the
    /// counter from the highest number already stored.
    /// </summary>
    private static async Task<long> NextNumberAsync(CommandCenterDbContext db, string prefix, CancellationToken cancellationToken)
    {
        var key = "incident:" + prefix;
        var incremented = await SequenceCounter.IncrementAsync(db, key, cancellationToken);
        if (incremented is { } value)
        {
            return value;
        }
        var last = await db.Incidents.Where(x => x.Number.StartsWith(prefix)).MaxAsync(x => (string?)x.Number, cancellationToken);
        var start = last is null ? 1 : long.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture) + 1;
        db.Set<SequenceCounter>().Add(new SequenceCounter { Key = key, Value = start });
        await db.SaveChangesAsync(cancellationToken);
        return start;
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

    private sealed record CategoryCache(DateTimeOffset LoadedAt, Dictionary<int, IncidentCategory> ById, Dictionary<string, IncidentCategory> ByCode);
}
