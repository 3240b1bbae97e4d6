namespace CommandCenter.Data.Ratings;

/// <summary>好差评: five levels.</summary>
public enum RatingLevel
{
    /// <summary>非常不满意.</summary>
    VeryDissatisfied = 1,
    /// <summary>不满意.</summary>
    Dissatisfied = 2,
    /// <summary>基本满意.</summary>
    Neutral = 3,
    /// <summary>满意.</summary>
    Satisfied = 4,
    /// <summary>非常满意.</summary>
    VerySatisfied = 5,
}

public class Rating
{
    public long Id { get; set; }
    public long? IncidentId { get; set; }
    public long? ServiceOrderId { get; set; }
    /// <summary>Denormalised for grouping without joins.</summary>
    public int GridId { get; set; }
    public RatingLevel Level { get; set; }
    public string? Comment { get; set; }
    public DateTime RatedAt { get; set; }
}

/// <summary>回访: the call back to the reporter after closure.</summary>
public class CallBack
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public DateTime At { get; set; }
    public bool Reached { get; set; }
    public string? OfficerId { get; set; }
    public required string OfficerName { get; set; }
    public string? Note { get; set; }
}
