using System.Globalization;
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
    public int? PlaceId { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public int? ReporterGridWorkerId { get; init; }
    /// <summary>When the reporter saw it; now when absent. Terminals may send reports they buffered offline.</summary>
    public DateTime? ReportedAt { get; init; }
}

public enum IntakeStatus
{
    Created = 0,
    Invalid = 1,
    OutOfScope = 2,
}

/// <param name="GridCode">The code of the grid the report was placed in (set when created).</param>
public sealed record IntakeResult(IntakeStatus Status, Incident? Incident = null, IReadOnlyDictionary<string, string[]>? Errors = null, string? GridCode = null)
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

    public Task<IntakeResult> ReportAsync(
        IncidentReport report, IncidentActor actor, string? scopeCode, long? idempotencyRecordId = null, CancellationToken cancellationToken = default) =>
        ReportAsync(report, actor, scopeCode, idempotencyRecordId, alsoInTransaction: null, cancellationToken);

    /// <param name="alsoInTransaction">Further writes committed with the incident (e.g. the SOS alert that raised it).</param>
    public async Task<IntakeResult> ReportAsync(
        IncidentReport report, IncidentActor actor, string? scopeCode, long? idempotencyRecordId,
        Func<CommandCenterDbContext, Incident, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = IncidentReportValidation.Validate(report, now);
        if (errors.Count > 0)
        {
            return new IntakeResult(IntakeStatus.Invalid, Errors: errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var category = report.CategoryId is { } categoryId
            ? await db.IncidentCategories.SingleOrDefaultAsync(c => c.Id == categoryId, cancellationToken)
            : await db.IncidentCategories.SingleOrDefaultAsync(c => c.Code == report.CategoryCode, cancellationToken);
        if (category is null || !category.IsActive)
        {
            errors[report.CategoryId is null ? "categoryCode" : "categoryId"] = ["No such active category."];
        }
        var grid = await FindGridAsync(db, report, cancellationToken);
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
        var incident = await CommitAsync(NewIncident, idempotencyRecordId, alsoInTransaction, now, cancellationToken);
        if (liveFeed is not null)
        {
            await liveFeed.PublishAsync(ChangeNotice.ForIncident(ChangeKind.IncidentCreated, incident, null, now), CancellationToken.None);
        }
        // The caller can present the incident without reading it back.
        incident.Category = category;
        return new IntakeResult(IntakeStatus.Created, incident, GridCode: grid.Code);
    }

    /// <summary>
    /// Commits the incident (and completes its idempotency record) in one transaction. Numbers are the local date
    /// and a daily sequence; a report that loses the race for a number retries on a fresh context.
    /// </summary>
    private async Task<Incident> CommitAsync(
        Func<Incident> newIncident, long? idempotencyRecordId, Func<CommandCenterDbContext, Incident, CancellationToken, Task>? alsoInTransaction,
        DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
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
                if (idempotencyRecordId is { } recordId)
                {
                    await IdempotencyStore.CompleteAsync(db, recordId, 201, "incident", incident.Id, now, cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                return incident;
            }
            catch (DbUpdateException) when (attempt < MaxNumberAttempts)
            {
                // A unique key taken meanwhile (a side record, or a number written by an import): start again on a fresh context.
            }
        }
    }

    /// <summary>
    /// The day's next sequence number. The UPDATE locks the counter row until the transaction ends, so concurrent
    /// reports queue there; the first report of a day creates the counter from the highest number already stored.
    /// </summary>
    private static async Task<long> NextNumberAsync(CommandCenterDbContext db, string prefix, CancellationToken cancellationToken)
    {
        var key = "incident:" + prefix;
        var counters = db.Set<SequenceCounter>();
        if (await counters.Where(c => c.Key == key).ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value + 1), cancellationToken) == 0)
        {
            var last = await db.Incidents.Where(x => x.Number.StartsWith(prefix)).MaxAsync(x => (string?)x.Number, cancellationToken);
            var start = last is null ? 1 : long.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture) + 1;
            counters.Add(new SequenceCounter { Key = key, Value = start });
            await db.SaveChangesAsync(cancellationToken);
            return start;
        }
        return await counters.Where(c => c.Key == key).Select(c => c.Value).SingleAsync(cancellationToken);
    }

    private async Task<GridShape?> FindGridAsync(CommandCenterDbContext db, IncidentReport report, CancellationToken cancellationToken)
    {
        if (report.GridId is not null || report.GridCode is not null)
        {
            var grids = db.Grids.AsNoTracking();
            grids = report.GridId is { } id ? grids.Where(g => g.Id == id) : grids.Where(g => g.Code == report.GridCode);
            var row = await grids
                .Select(g => new { g.Id, g.Code, g.CommunityId, g.StreetId })
                .SingleOrDefaultAsync(cancellationToken);
            return row is null ? null : new GridShape(row.Id, row.Code, row.CommunityId, row.StreetId, []);
        }
        return await gridLocator.LocateAsync(report.Latitude!.Value, report.Longitude!.Value, cancellationToken);
    }
}
