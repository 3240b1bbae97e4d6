using CommandCenter.Data;
using CommandCenter.Data.Privacy;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.ServiceOrders;

namespace CommandCenter.Web.Api.ServiceOrders;

/// <summary>/api/v1/service-orders (点单 → 派单 → 接单 → 销单 → 评价) and /api/v1/micro-wishes.</summary>
public static class ServiceOrderEndpoints
{
    public sealed record NewOrderRequest(int? ResidentId, string? Title, string? Description);

    public sealed record OrderStepRequest(int? Version, int? OrganizationId, int? VolunteerResidentId) : IVersionedStep;

    public sealed record RatingRequest(int? Level, string? Comment);

    public sealed record NewWishRequest(int? ResidentId, string? Wish);

    public sealed record WishStepRequest(int? Version, int? ResidentId, int? OrganizationId) : IVersionedStep;

    /// <summary>A step request carries the version the client last saw (optimistic concurrency).</summary>
    public interface IVersionedStep
    {
        int? Version { get; }
    }

    public sealed record ServiceOrderDto(long Id, int ResidentId, int GridId, string Title, string Description, ServiceOrderStatus Status,
        int? OrganizationId, int? VolunteerResidentId, DateTime RequestedAt, DateTime? AcceptedAt, DateTime? FulfilledAt, int Version)
    {
        public static ServiceOrderDto From(ServiceOrder o) => new(o.Id, o.ResidentId, o.GridId, PersonalDataMask.FreeText(o.Title)!, PersonalDataMask.FreeText(o.Description)!, o.Status,
            o.OrganizationId, o.VolunteerResidentId, o.RequestedAt, o.AcceptedAt, o.FulfilledAt, o.Version);
    }

    public sealed record MicroWishDto(long Id, int ResidentId, int GridId, string Wish, MicroWishStatus Status,
        int? ClaimedByResidentId, int? ClaimedByOrganizationId, DateTime CreatedAt, DateTime? FulfilledAt, int Version)
    {
        public static MicroWishDto From(MicroWish w) => new(w.Id, w.ResidentId, w.GridId, PersonalDataMask.FreeText(w.Wish)!, w.Status,
            w.ClaimedByResidentId, w.ClaimedByOrganizationId, w.CreatedAt, w.FulfilledAt, w.Version);
    }

    public sealed record RatingDto(long Id, long? ServiceOrderId, RatingLevel Level, string? Comment, DateTime RatedAt)
    {
        public static RatingDto From(Rating r) => new(r.Id, r.ServiceOrderId, r.Level, PersonalDataMask.FreeText(r.Comment), r.RatedAt);
    }

    public static RouteGroupBuilder MapServiceOrderEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/service-orders").WithTags("Service orders").RequireAuthorization(ApiPolicies.ServiceOrders);
        orders.MapPost("/", RequestAsync).WithSummary("点单: a resident orders a service");
        orders.MapPost("/{id:long}/dispatch", (long id, HttpContext http, ServiceOrderService s, CancellationToken ct) =>
            StepAsync(http, (r, scope) => s.DispatchAsync(id, r.Version!.Value, r.OrganizationId, scope, ct), ct)).WithSummary("派单");
        orders.MapPost("/{id:long}/accept", (long id, HttpContext http, ServiceOrderService s, CancellationToken ct) =>
            StepAsync(http, (r, scope) => r.VolunteerResidentId is { } v
                ? s.AcceptAsync(id, r.Version!.Value, v, scope, ct)
                : Task.FromResult(OperationResult<ServiceOrder>.Invalid("volunteerResidentId", "Required.")), ct)).WithSummary("接单 (party members only)");
        orders.MapPost("/{id:long}/fulfil", (long id, HttpContext http, ServiceOrderService s, CancellationToken ct) =>
            StepAsync(http, (r, scope) => s.FulfilAsync(id, r.Version!.Value, scope, ct), ct)).WithSummary("销单");
        orders.MapPost("/{id:long}/cancel", (long id, HttpContext http, ServiceOrderService s, CancellationToken ct) =>
            StepAsync(http, (r, scope) => s.CancelAsync(id, r.Version!.Value, scope, ct), ct)).WithSummary("Cancel");
        orders.MapPost("/{id:long}/rating", RateAsync).WithSummary("The resident rates a fulfilled order");

        var wishes = api.MapGroup("/micro-wishes").WithTags("Micro-wishes").RequireAuthorization(ApiPolicies.ServiceOrders);
        wishes.MapPost("/", AddWishAsync).WithSummary("A resident's micro-wish (微心愿)");
        wishes.MapPost("/{id:long}/claim", (long id, HttpContext http, ServiceOrderService s, CancellationToken ct) =>
            WishStepAsync(http, (r, scope) => s.MoveWishAsync(id, r.Version!.Value, MicroWishStatus.Claimed, r.ResidentId, r.OrganizationId, scope, ct), ct));
        wishes.MapPost("/{id:long}/fulfil", (long id, HttpContext http, ServiceOrderService s, CancellationToken ct) =>
            WishStepAsync(http, (r, scope) => s.MoveWishAsync(id, r.Version!.Value, MicroWishStatus.Fulfilled, null, null, scope, ct), ct));
        wishes.MapPost("/{id:long}/withdraw", (long id, HttpContext http, ServiceOrderService s, CancellationToken ct) =>
            WishStepAsync(http, (r, scope) => s.MoveWishAsync(id, r.Version!.Value, MicroWishStatus.Withdrawn, null, null, scope, ct), ct));
        return api;
    }

    private static async Task<IResult> RequestAsync(HttpContext http, ServiceOrderService service, CancellationToken cancellationToken)
    {
        var (request, body, problem) = await ApiJson.ReadAsync<NewOrderRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (request!.ResidentId is not { } residentId)
        {
            return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["residentId"] = ["Required."] });
        }
        var caller = ApiCaller.From(http.User);
        var (keyProblem, key) = ApiIdempotency.KeyOf(http, caller, body, required: false);
        if (keyProblem is not null)
        {
            return keyProblem;
        }
        var requested = await service.RequestAsync(residentId, request.Title ?? string.Empty, request.Description, caller.ScopeCode,
            ApiIdempotency.Request<ServiceOrder>(key, ServiceOrderDto.From), cancellationToken);
        return ApiIdempotency.Answer(http, requested, orderId => $"/api/v1/service-orders/{orderId}", o => o.Id, ServiceOrderDto.From, ServiceOrderDto.From);
    }

    private static Task<IResult> StepAsync(HttpContext http,
        Func<OrderStepRequest, string?, Task<OperationResult<ServiceOrder>>> step, CancellationToken cancellationToken) =>
        VersionedStepAsync(http, step, ServiceOrderDto.From, cancellationToken);

    private static Task<IResult> WishStepAsync(HttpContext http,
        Func<WishStepRequest, string?, Task<OperationResult<MicroWish>>> step, CancellationToken cancellationToken) =>
        VersionedStepAsync(http, step, MicroWishDto.From, cancellationToken);

    /// <summary>Reads a step request (400/413/415 as problems), requires its version (422), runs the step in the caller's scope.</summary>
    private static async Task<IResult> VersionedStepAsync<TRequest, T, TDto>(HttpContext http,
        Func<TRequest, string?, Task<OperationResult<T>>> step, Func<T, TDto> toDto, CancellationToken cancellationToken)
        where TRequest : class, IVersionedStep
    {
        var (request, _, problem) = await ApiJson.ReadAsync<TRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (request!.Version is null)
        {
            return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["version"] = ["The version you last saw is required."] });
        }
        var result = await step(request, ApiCaller.From(http.User).ScopeCode);
        return result.Succeeded ? TypedResults.Ok(toDto(result.Value!)) : ApiProblems.From(result, value => toDto(value)!);
    }

    private static async Task<IResult> RateAsync(long id, HttpContext http, ServiceOrderService service, CancellationToken cancellationToken)
    {
        var (request, body, problem) = await ApiJson.ReadAsync<RatingRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (request!.Level is not { } level || !Enum.IsDefined((RatingLevel)level))
        {
            return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["level"] = ["1 (非常不满意) to 5 (非常满意)."] });
        }
        var caller = ApiCaller.From(http.User);
        var (keyProblem, key) = ApiIdempotency.KeyOf(http, caller, body, required: false);
        if (keyProblem is not null)
        {
            return keyProblem;
        }
        var rated = await service.RateAsync(id, (RatingLevel)level, request.Comment, caller.ScopeCode, ApiIdempotency.Request<Rating>(key, RatingDto.From), cancellationToken);
        return ApiIdempotency.Answer(http, rated, _ => $"/api/v1/service-orders/{id}", r => r.Id, RatingDto.From);
    }

    private static async Task<IResult> AddWishAsync(HttpContext http, ServiceOrderService service, CancellationToken cancellationToken)
    {
        var (request, body, problem) = await ApiJson.ReadAsync<NewWishRequest>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (request!.ResidentId is not { } residentId)
        {
            return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["residentId"] = ["Required."] });
        }
        var caller = ApiCaller.From(http.User);
        var (keyProblem, key) = ApiIdempotency.KeyOf(http, caller, body, required: false);
        if (keyProblem is not null)
        {
            return keyProblem;
        }
        var added = await service.AddWishAsync(residentId, request.Wish ?? string.Empty, caller.ScopeCode, ApiIdempotency.Request<MicroWish>(key, MicroWishDto.From), cancellationToken);
        return ApiIdempotency.Answer(http, added, wishId => $"/api/v1/micro-wishes/{wishId}", w => w.Id, MicroWishDto.From, MicroWishDto.From);
    }
}
