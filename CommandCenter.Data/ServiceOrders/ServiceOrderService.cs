using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Live;
using CommandCenter.Data.Ratings;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.ServiceOrders;

/// <summary>群众点单 → 网格派单 → 党员接单 → 销单 → 评价, and micro-wishes (微心愿).</summary>
public sealed class ServiceOrderService(IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time, ILiveFeed? liveFeed = null)
{
    public const int TitleMax = 128;
    public const int DescriptionMax = 2000;

    public async Task<OperationResult<ServiceOrder>> RequestAsync(
        int residentId, string title, string? description, string? scopeCode, CancellationToken cancellationToken = default) =>
        (await RequestAsync(residentId, title, description, scopeCode, idempotency: null, cancellationToken)).Result!;

    /// <summary>点单; with an Idempotency-Key, the key is recorded in the order's transaction.</summary>
    public async Task<Idempotent<OperationResult<ServiceOrder>>> RequestAsync(
        int residentId, string title, string? description, string? scopeCode, IdempotentRequest<ServiceOrder>? idempotency,
        CancellationToken cancellationToken = default)
    {
        if (InputRules.TextError(title, TitleMax, required: true) is { } titleError)
        {
            return IdempotencyStore.Refused(OperationResult<ServiceOrder>.Invalid("title", titleError));
        }
        if (InputRules.TextError(description, DescriptionMax, required: false) is { } descriptionError)
        {
            return IdempotencyStore.Refused(OperationResult<ServiceOrder>.Invalid("description", descriptionError));
        }
        var requested = await IdempotencyStore.RunAsync(contextFactory, time, idempotency, 201, "service-order", o => o.Id, async (db, now, ct) =>
        {
            var resident = await ResidentGridAsync(db, residentId, ct);
            if (resident is null || !HierarchyCode.IsWithin(resident.Value.GridCode, scopeCode))
            {
                // Outside the caller's scope is answered like a missing resident: no hint that the id exists elsewhere.
                return OperationResult<ServiceOrder>.Invalid("residentId", $"Resident {residentId} does not exist.");
            }
            var order = new ServiceOrder
            {
                ResidentId = residentId, GridId = resident.Value.GridId, Title = title.Trim(), Description = description?.Trim() ?? string.Empty,
                Status = ServiceOrderStatus.Requested, RequestedAt = now, Version = 1,
            };
            db.ServiceOrders.Add(order);
            await db.SaveChangesAsync(ct);
            return OperationResult<ServiceOrder>.Ok(order);
        }, cancellationToken);
        if (requested.Result is { Succeeded: true, Value: { } o })
        {
            await PublishAsync(ChangeKind.ServiceOrderChanged, o.Id, o.GridId, o.Version, null, cancellationToken);
        }
        return requested;
    }

    /// <summary>网格派单: the grid hands the order to a volunteer team or organisation.</summary>
    public Task<OperationResult<ServiceOrder>> DispatchAsync(long id, int version, int? organizationId, string? scopeCode, CancellationToken cancellationToken = default) =>
        MoveAsync(id, version, scopeCode, [ServiceOrderStatus.Requested], async (db, order, now) =>
        {
            if (organizationId is { } orgId && !await db.Organizations.AnyAsync(o => o.Id == orgId, cancellationToken))
            {
                return ("organizationId", $"Organisation {orgId} does not exist.");
            }
            order.Status = ServiceOrderStatus.Dispatched;
            order.OrganizationId = organizationId;
            order.DispatchedAt = now;
            return null;
        }, cancellationToken);

    /// <summary>党员接单: only a party member takes an order.</summary>
    public Task<OperationResult<ServiceOrder>> AcceptAsync(long id, int version, int volunteerResidentId, string? scopeCode, CancellationToken cancellationToken = default) =>
        MoveAsync(id, version, scopeCode, [ServiceOrderStatus.Requested, ServiceOrderStatus.Dispatched], async (db, order, now) =>
        {
            var isPartyMember = await ScopedIds.ResidentAsync(db, volunteerResidentId, scopeCode, cancellationToken)
                ? await db.Residents.Where(r => r.Id == volunteerResidentId).Select(r => (bool?)r.IsPartyMember).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (isPartyMember is null)
            {
                return ("volunteerResidentId", $"Resident {volunteerResidentId} does not exist.");
            }
            if (isPartyMember == false)
            {
                return ("volunteerResidentId", "Only a party member takes an order (党员接单).");
            }
            order.Status = ServiceOrderStatus.Accepted;
            order.VolunteerResidentId = volunteerResidentId;
            order.AcceptedAt = now;
            return null;
        }, cancellationToken);

    /// <summary>销单.</summary>
    public Task<OperationResult<ServiceOrder>> FulfilAsync(long id, int version, string? scopeCode, CancellationToken cancellationToken = default) =>
        MoveAsync(id, version, scopeCode, [ServiceOrderStatus.Accepted], (_, order, now) =>
        {
            order.Status = ServiceOrderStatus.Fulfilled;
            order.FulfilledAt = now;
            return Task.FromResult<(string, string)?>(null);
        }, cancellationToken);

    public Task<OperationResult<ServiceOrder>> CancelAsync(long id, int version, string? scopeCode, CancellationToken cancellationToken = default) =>
        MoveAsync(id, version, scopeCode, [ServiceOrderStatus.Requested, ServiceOrderStatus.Dispatched, ServiceOrderStatus.Accepted], (_, order, _) =>
        {
            order.Status = ServiceOrderStatus.Cancelled;
            return Task.FromResult<(string, string)?>(null);
        }, cancellationToken);

    /// <summary>The resident rates a fulfilled order, once.</summary>
    public async Task<OperationResult<Rating>> RateAsync(long id, RatingLevel level, string? comment, string? scopeCode, CancellationToken cancellationToken = default) =>
        (await RateAsync(id, level, comment, scopeCode, idempotency: null, cancellationToken)).Result!;

    /// <summary>The rating; with an Idempotency-Key, the key is recorded in the rating's transaction.</summary>
    public async Task<Idempotent<OperationResult<Rating>>> RateAsync(
        long id, RatingLevel level, string? comment, string? scopeCode, IdempotentRequest<Rating>? idempotency, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(level))
        {
            return IdempotencyStore.Refused(OperationResult<Rating>.Invalid("level", "A rating is one of 1 (非常不满意) to 5 (非常满意)."));
        }
        if (InputRules.TextError(comment, 1000, required: false) is { } commentError)
        {
            return IdempotencyStore.Refused(OperationResult<Rating>.Invalid("comment", commentError));
        }
        var rated = await IdempotencyStore.RunAsync(contextFactory, time, idempotency, 201, "rating", r => r.Id, async (db, now, ct) =>
        {
            var order = await db.ServiceOrders.SingleOrDefaultAsync(o => o.Id == id, ct);
            if (order is null)
            {
                return OperationResult<Rating>.NotFound($"Service order {id} does not exist.");
            }
            if (!await InScopeAsync(db, order.GridId, scopeCode, ct))
            {
                return OperationResult<Rating>.OutOfScope();
            }
            if (order.Status != ServiceOrderStatus.Fulfilled)
            {
                return new OperationResult<Rating>(OperationStatus.Conflict, Message: $"Only a fulfilled order is rated; this one is {order.Status}.");
            }
            var existing = await db.Ratings.FirstOrDefaultAsync(r => r.ServiceOrderId == id, ct);
            if (existing is not null)
            {
                return OperationResult<Rating>.Conflict(existing, "The order is already rated.");
            }
            var rating = new Rating { ServiceOrderId = id, GridId = order.GridId, Level = level, Comment = comment?.Trim(), RatedAt = now };
            db.Ratings.Add(rating);
            await db.SaveChangesAsync(ct);
            return OperationResult<Rating>.Ok(rating);
        }, cancellationToken);
        if (rated.Result is { Succeeded: true, Value: { } r })
        {
            await PublishAsync(ChangeKind.RatingAdded, r.Id, r.GridId, 1, (int)level, cancellationToken);
        }
        return rated;
    }

    public async Task<OperationResult<MicroWish>> AddWishAsync(int residentId, string wish, string? scopeCode, CancellationToken cancellationToken = default) =>
        (await AddWishAsync(residentId, wish, scopeCode, idempotency: null, cancellationToken)).Result!;

    /// <summary>A micro-wish; with an Idempotency-Key, the key is recorded in the wish's transaction.</summary>
    public async Task<Idempotent<OperationResult<MicroWish>>> AddWishAsync(
        int residentId, string wish, string? scopeCode, IdempotentRequest<MicroWish>? idempotency, CancellationToken cancellationToken = default)
    {
        if (InputRules.TextError(wish, 500, required: true) is { } wishError)
        {
            return IdempotencyStore.Refused(OperationResult<MicroWish>.Invalid("wish", wishError));
        }
        var added = await IdempotencyStore.RunAsync(contextFactory, time, idempotency, 201, "micro-wish", w => w.Id, async (db, now, ct) =>
        {
            var resident = await ResidentGridAsync(db, residentId, ct);
            if (resident is null || !HierarchyCode.IsWithin(resident.Value.GridCode, scopeCode))
            {
                // Outside the caller's scope is answered like a missing resident: no hint that the id exists elsewhere.
                return OperationResult<MicroWish>.Invalid("residentId", $"Resident {residentId} does not exist.");
            }
            var microWish = new MicroWish
            {
                ResidentId = residentId, GridId = resident.Value.GridId, Wish = wish.Trim(), Status = MicroWishStatus.Open, CreatedAt = now, Version = 1,
            };
            db.MicroWishes.Add(microWish);
            await db.SaveChangesAsync(ct);
            return OperationResult<MicroWish>.Ok(microWish);
        }, cancellationToken);
        if (added.Result is { Succeeded: true, Value: { } w })
        {
            await PublishAsync(ChangeKind.MicroWishChanged, w.Id, w.GridId, w.Version, null, cancellationToken);
        }
        return added;
    }

    /// <summary>Claim (by a resident or an organisation), fulfil or withdraw a wish.</summary>
    public async Task<OperationResult<MicroWish>> MoveWishAsync(
        long id, int version, MicroWishStatus to, int? byResidentId, int? byOrganizationId, string? scopeCode, CancellationToken cancellationToken = default)
    {
        MicroWishStatus[] allowedFrom = to switch
        {
            MicroWishStatus.Claimed => [MicroWishStatus.Open],
            MicroWishStatus.Fulfilled => [MicroWishStatus.Claimed],
            MicroWishStatus.Withdrawn => [MicroWishStatus.Open, MicroWishStatus.Claimed],
            _ => [],
        };
        if (allowedFrom.Length == 0)
        {
            return OperationResult<MicroWish>.Invalid("status", "A wish moves to Claimed, Fulfilled or Withdrawn.");
        }
        if (to == MicroWishStatus.Claimed && (byResidentId is null) == (byOrganizationId is null))
        {
            return OperationResult<MicroWish>.Invalid("claimedByResidentId", "A wish is claimed by one resident or one organisation.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var wish = await db.MicroWishes.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (wish is null)
        {
            return OperationResult<MicroWish>.NotFound($"Micro-wish {id} does not exist.");
        }
        if (!await InScopeAsync(db, wish.GridId, scopeCode, cancellationToken))
        {
            return OperationResult<MicroWish>.OutOfScope();
        }
        if (wish.Version != version || !allowedFrom.Contains(wish.Status))
        {
            return OperationResult<MicroWish>.Conflict(wish, $"The wish is {wish.Status} at version {wish.Version}.");
        }
        if (byResidentId is { } r && !await ScopedIds.ResidentAsync(db, r, scopeCode, cancellationToken))
        {
            return OperationResult<MicroWish>.Invalid("claimedByResidentId", $"Resident {r} does not exist.");
        }
        if (byOrganizationId is { } o && !await db.Organizations.AnyAsync(x => x.Id == o, cancellationToken))
        {
            return OperationResult<MicroWish>.Invalid("claimedByOrganizationId", $"Organisation {o} does not exist.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        wish.Status = to;
        if (to == MicroWishStatus.Claimed)
        {
            (wish.ClaimedByResidentId, wish.ClaimedByOrganizationId, wish.ClaimedAt) = (byResidentId, byOrganizationId, now);
        }
        else if (to == MicroWishStatus.Fulfilled)
        {
            wish.FulfilledAt = now;
        }
        wish.Version++;
        var saved = await SaveAsync(db, wish, w => w.Version, cancellationToken);
        if (saved.Succeeded)
        {
            await PublishAsync(db, ChangeKind.MicroWishChanged, wish.Id, wish.GridId, wish.Version, null, cancellationToken);
        }
        return saved;
    }

    private async Task<OperationResult<ServiceOrder>> MoveAsync(
        long id, int version, string? scopeCode, ServiceOrderStatus[] allowedFrom,
        Func<CommandCenterDbContext, ServiceOrder, DateTime, Task<(string Field, string Message)?>> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.ServiceOrders.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return OperationResult<ServiceOrder>.NotFound($"Service order {id} does not exist.");
        }
        if (!await InScopeAsync(db, order.GridId, scopeCode, cancellationToken))
        {
            return OperationResult<ServiceOrder>.OutOfScope();
        }
        if (order.Version != version || !allowedFrom.Contains(order.Status))
        {
            return OperationResult<ServiceOrder>.Conflict(order, $"The order is {order.Status} at version {order.Version}.");
        }
        if (await change(db, order, time.GetUtcNow().UtcDateTime) is { } error)
        {
            return OperationResult<ServiceOrder>.Invalid(error.Field, error.Message);
        }
        order.Version++;
        var saved = await SaveAsync(db, order, o => o.Version, cancellationToken);
        if (saved.Succeeded)
        {
            await PublishAsync(db, ChangeKind.ServiceOrderChanged, order.Id, order.GridId, order.Version, null, cancellationToken);
        }
        return saved;
    }

    /// <summary>A change notice after a write whose context is closed (it committed through <see cref="IdempotencyStore.RunAsync{T}"/>).</summary>
    private async Task PublishAsync(ChangeKind kind, long id, int gridId, int version, int? ratingLevel, CancellationToken cancellationToken)
    {
        if (liveFeed is null)
        {
            return;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await PublishAsync(db, kind, id, gridId, version, ratingLevel, cancellationToken);
    }

    private async Task PublishAsync(CommandCenterDbContext db, ChangeKind kind, long id, int gridId, int version, int? ratingLevel, CancellationToken cancellationToken)
    {
        if (liveFeed is null)
        {
            return;
        }
        var grid = await db.Grids.Where(g => g.Id == gridId).Select(g => new { g.StreetId, g.CommunityId }).SingleAsync(cancellationToken);
        await liveFeed.PublishAsync(new ChangeNotice(kind, id, grid.StreetId, grid.CommunityId, gridId, version, time.GetUtcNow().UtcDateTime)
        {
            RatingLevel = ratingLevel,
        }, CancellationToken.None);
    }

    private static async Task<OperationResult<T>> SaveAsync<T>(CommandCenterDbContext db, T record, Func<T, int> version, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult<T>.Ok(record);
        }
        catch (DbUpdateConcurrencyException)
        {
            var entry = db.Entry(record);
            await entry.ReloadAsync(cancellationToken);
            return OperationResult<T>.Conflict(record, $"Someone changed it first: now at version {version(record)}.");
        }
    }

    private static async Task<(int GridId, string GridCode)?> ResidentGridAsync(CommandCenterDbContext db, int residentId, CancellationToken cancellationToken)
    {
        var row = await db.Residents.Where(r => r.Id == residentId)
            .Join(db.Grids, r => r.GridId, g => g.Id, (r, g) => new { g.Id, g.Code })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Id, row.Code);
    }

    private static async Task<bool> InScopeAsync(CommandCenterDbContext db, int gridId, string? scopeCode, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(scopeCode)
        || HierarchyCode.IsWithin(await db.Grids.Where(g => g.Id == gridId).Select(g => g.Code).SingleAsync(cancellationToken), scopeCode);
}
