using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Live;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Patrols;

/// <summary>经常巡、随时访: grid workers' patrols as live data. Start, check in, end.</summary>
public sealed class PatrolService(IDbContextFactory<CommandCenterDbContext> contextFactory, GridLocator gridLocator, TimeProvider time, ILiveFeed? liveFeed = null)
{
    public sealed record CheckInRequest(double Latitude, double Longitude, string? Note, string? PhotoRef, DateTime? At);

    public async Task<OperationResult<Patrol>> StartAsync(int gridWorkerId, string? scopeCode, CancellationToken cancellationToken = default) =>
        (await StartAsync(gridWorkerId, scopeCode, idempotency: null, cancellationToken)).Result!;

    /// <summary>Starts a patrol; with an Idempotency-Key, the key is recorded in the patrol's transaction.</summary>
    public async Task<Idempotent<OperationResult<Patrol>>> StartAsync(
        int gridWorkerId, string? scopeCode, IdempotentRequest<Patrol>? idempotency, CancellationToken cancellationToken = default)
    {
        (int StreetId, int CommunityId)? area = null;
        var started = await IdempotencyStore.RunAsync(contextFactory, time, idempotency, 201, "patrol", p => p.Id, async (db, now, ct) =>
        {
            var worker = await db.GridWorkers.Include(w => w.Grid).SingleOrDefaultAsync(w => w.Id == gridWorkerId, ct);
            if (worker is null || !worker.IsActive)
            {
                return OperationResult<Patrol>.Invalid("gridWorkerId", $"Grid worker {gridWorkerId} does not exist or is inactive.");
            }
            if (!HierarchyCode.IsWithin(worker.Grid!.Code, scopeCode))
            {
                return OperationResult<Patrol>.OutOfScope();
            }
            var active = await db.Patrols.FirstOrDefaultAsync(p => p.GridWorkerId == gridWorkerId && p.EndedAt == null, ct);
            if (active is not null)
            {
                return OperationResult<Patrol>.Conflict(active, $"Grid worker {gridWorkerId} is already on patrol {active.Id}.");
            }
            var patrol = new Patrol { GridWorkerId = gridWorkerId, GridId = worker.GridId, StartedAt = now };
            db.Patrols.Add(patrol);
            await db.SaveChangesAsync(ct);
            area = (worker.Grid.StreetId, worker.Grid.CommunityId);
            return OperationResult<Patrol>.Ok(patrol);
        }, cancellationToken);
        if (started.Result is { Succeeded: true, Value: { } p } && area is { } a)
        {
            await PublishAsync(ChangeKind.PatrolStarted, p.Id, a.StreetId, a.CommunityId, p.GridId, p.StartedAt);
        }
        return started;
    }

    public async Task<OperationResult<PatrolCheckIn>> CheckInAsync(
        long patrolId, CheckInRequest request, string? scopeCode, CancellationToken cancellationToken = default) =>
        (await CheckInAsync(patrolId, request, scopeCode, idempotency: null, cancellationToken)).Result!;

    /// <summary>A check-in; with an Idempotency-Key, the key is recorded in the check-in's transaction.</summary>
    public async Task<Idempotent<OperationResult<PatrolCheckIn>>> CheckInAsync(
        long patrolId, CheckInRequest request, string? scopeCode, IdempotentRequest<PatrolCheckIn>? idempotency, CancellationToken cancellationToken = default)
    {
        if (!InputRules.IsLatitude(request.Latitude))
        {
            return IdempotencyStore.Refused(OperationResult<PatrolCheckIn>.Invalid("latitude", "Latitude is between -90 and 90."));
        }
        if (!InputRules.IsLongitude(request.Longitude))
        {
            return IdempotencyStore.Refused(OperationResult<PatrolCheckIn>.Invalid("longitude", "Longitude is between -180 and 180."));
        }
        if (InputRules.TextError(request.Note, 1000, required: false) is { } noteError)
        {
            return IdempotencyStore.Refused(OperationResult<PatrolCheckIn>.Invalid("note", noteError));
        }
        if (InputRules.TextError(request.PhotoRef, 256, required: false) is { } photoError)
        {
            return IdempotencyStore.Refused(OperationResult<PatrolCheckIn>.Invalid("photoRef", photoError));
        }
        if (request.At?.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddMinutes(5))
        {
            return IdempotencyStore.Refused(OperationResult<PatrolCheckIn>.Invalid("at", "The check-in time lies in the future."));
        }

        GridShape? grid = null;
        var checkedIn = await IdempotencyStore.RunAsync(contextFactory, time, idempotency, 201, "patrol-check-in", c => c.Id, async (db, now, cancellationToken) =>
        {
            var at = request.At?.ToUniversalTime() ?? now;
            var patrol = await db.Patrols.SingleOrDefaultAsync(p => p.Id == patrolId, cancellationToken);
            if (patrol is null)
            {
                return OperationResult<PatrolCheckIn>.NotFound($"Patrol {patrolId} does not exist.");
            }
            var patrolGrid = await db.Grids.Where(g => g.Id == patrol.GridId).Select(g => g.Code).SingleAsync(cancellationToken);
            if (!HierarchyCode.IsWithin(patrolGrid, scopeCode))
            {
                return OperationResult<PatrolCheckIn>.OutOfScope();
            }
            if (patrol.EndedAt is not null)
            {
                return new OperationResult<PatrolCheckIn>(OperationStatus.Conflict, Message: $"Patrol {patrolId} ended at {patrol.EndedAt:u}.");
            }
            grid = await gridLocator.LocateAsync(request.Latitude, request.Longitude, cancellationToken);
            if (grid is null)
            {
                return OperationResult<PatrolCheckIn>.Invalid("latitude", "The position lies outside the district's grids.");
            }

            var previous = await db.PatrolCheckIns.Where(c => c.PatrolId == patrolId).OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
                .Select(c => new { c.Latitude, c.Longitude }).FirstOrDefaultAsync(cancellationToken);
            var checkIn = new PatrolCheckIn
            {
                PatrolId = patrolId, GridId = grid.Id, Latitude = request.Latitude, Longitude = request.Longitude,
                At = at, Note = request.Note?.Trim(), PhotoRef = request.PhotoRef?.Trim(),
            };
            db.PatrolCheckIns.Add(checkIn);
            patrol.CheckInCount++;
            if (previous is not null)
            {
                patrol.DistanceMeters += Geodesy.DistanceMeters(previous.Latitude, previous.Longitude, request.Latitude, request.Longitude);
            }
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult<PatrolCheckIn>.Ok(checkIn);
        }, cancellationToken);
        if (checkedIn.Result is { Succeeded: true, Value: { } c } && grid is not null)
        {
            await PublishAsync(ChangeKind.PatrolCheckIn, c.Id, grid.StreetId, grid.CommunityId, grid.Id, c.At);
        }
        return checkedIn;
    }

    public async Task<OperationResult<Patrol>> EndAsync(long patrolId, string? scopeCode, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var patrol = await db.Patrols.SingleOrDefaultAsync(p => p.Id == patrolId, cancellationToken);
        if (patrol is null)
        {
            return OperationResult<Patrol>.NotFound($"Patrol {patrolId} does not exist.");
        }
        var grid = await db.Grids.Where(g => g.Id == patrol.GridId).Select(g => new { g.Code, g.StreetId, g.CommunityId }).SingleAsync(cancellationToken);
        if (!HierarchyCode.IsWithin(grid.Code, scopeCode))
        {
            return OperationResult<Patrol>.OutOfScope();
        }
        if (patrol.EndedAt is not null)
        {
            return OperationResult<Patrol>.Conflict(patrol, $"Patrol {patrolId} already ended.");
        }
        patrol.EndedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(ChangeKind.PatrolEnded, patrol.Id, grid.StreetId, grid.CommunityId, patrol.GridId, patrol.EndedAt.Value);
        return OperationResult<Patrol>.Ok(patrol);
    }

    private async Task PublishAsync(ChangeKind kind, long id, int streetId, int communityId, int gridId, DateTime at)
    {
        if (liveFeed is not null)
        {
            await liveFeed.PublishAsync(new ChangeNotice(kind, id, streetId, communityId, gridId, 1, at), CancellationToken.None);
        }
    }
}
