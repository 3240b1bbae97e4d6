namespace CommandCenter.Data.ServiceOrders;

/// <summary>点单 → 派单 → 接单 → 销单.</summary>
public enum ServiceOrderStatus
{
    Requested = 0,
    Dispatched = 1,
    Accepted = 2,
    Fulfilled = 3,
    Cancelled = 4,
}

/// <summary>A resident "orders" a service; a volunteer party member takes it.</summary>
public class ServiceOrder
{
    public long Id { get; set; }
    public int ResidentId { get; set; }
    public int GridId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public ServiceOrderStatus Status { get; set; }
    public int? VolunteerResidentId { get; set; }
    public int? OrganizationId { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? FulfilledAt { get; set; }
    public int Version { get; set; }
}

public enum MicroWishStatus
{
    Open = 0,
    Claimed = 1,
    Fulfilled = 2,
    Withdrawn = 3,
}

/// <summary>微心愿: a small personal request.</summary>
public class MicroWish
{
    public long Id { get; set; }
    public int ResidentId { get; set; }
    public int GridId { get; set; }
    public required string Wish { get; set; }
    public MicroWishStatus Status { get; set; }
    public int? ClaimedByResidentId { get; set; }
    public int? ClaimedByOrganizationId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? FulfilledAt { get; set; }
    public int Version { get; set; }
}
