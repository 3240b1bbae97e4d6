using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Data.Analytics;

/// <summary>Weights of the composite score (综合指标值): local policy, so configuration. Each 0–100; at least one above 0.</summary>
public sealed class CompositeWeights : IValidatableObject
{
    [Range(0, 100)] public double ClosureRate { get; set; } = 20;
    [Range(0, 100)] public double OnTimeClosureRate { get; set; } = 20;
    [Range(0, 100)] public double RespondRate { get; set; } = 10;
    [Range(0, 100)] public double ReplyRate { get; set; } = 10;
    [Range(0, 100)] public double ResolveRate { get; set; } = 10;
    [Range(0, 100)] public double Satisfaction { get; set; } = 15;
    [Range(0, 100)] public double GridResolutionRate { get; set; } = 5;
    [Range(0, 100)] public double PatrolCoverage { get; set; } = 5;
    /// <summary>Counts (1 − rework rate): fewer reworks score higher.</summary>
    [Range(0, 100)] public double ReworkRate { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var sum = ClosureRate + OnTimeClosureRate + RespondRate + ReplyRate + ResolveRate + Satisfaction + GridResolutionRate + PatrolCoverage + ReworkRate;
        if (!(sum > 0))
        {
            yield return new ValidationResult("At least one composite weight must be above 0.", [nameof(CompositeWeights)]);
        }
    }
}

/// <summary>The "Analytics" configuration section.</summary>
public sealed class AnalyticsOptions : IValidatableObject
{
    public const string SectionName = "Analytics";

    [Required]
    public CompositeWeights Weights { get; set; } = new();

    /// <summary>How many categories the top-N view lists.</summary>
    [Range(3, 50)]
    public int TopCategories { get; set; } = 10;

    /// <summary>Longest period a view or an export may cover, in days.</summary>
    [Range(1, 3660)]
    public int MaxPeriodDays { get; set; } = 400;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Nested objects are not validated by data annotations on their own.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Weights, new ValidationContext(Weights), results, validateAllProperties: true);
        return results;
    }
}
