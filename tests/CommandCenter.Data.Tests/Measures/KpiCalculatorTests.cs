using System.ComponentModel.DataAnnotations;
using CommandCenter.Data.Analytics;
using CommandCenter.Data.Measures;

namespace CommandCenter.Data.Tests.Measures;

public class KpiCalculatorTests
{
    private static RollupCounts Sample() => new()
    {
        Received = 200, Filed = 180, Dispatched = 171, Due = 150, Closed = 135, ClosedOnTime = 120, Reworked = 15, Extended = 6,
        RespondMet = 90, RespondMissed = 10, ReplyMet = 80, ReplyMissed = 20, ResolveMet = 75, ResolveMissed = 25,
        ClosedAtGrid = 81, ClosedAtCommunity = 27, ClosedAtStreet = 13, ClosedAtDepartment = 10, ClosedAtDistrict = 4,
        RatedVerySatisfied = 50, RatedSatisfied = 30, RatedNeutral = 10, RatedDissatisfied = 6, RatedVeryDissatisfied = 4,
    };

    [Fact]
    public void The_indicators_follow_the_domain_formulas()
    {
        var k = KpiCalculator.Calculate(Sample(), gridsPatrolled: 3, grids: 4, new MeasuresOptions(), new CompositeWeights());

        Assert.Equal(0.9, k.FilingRate!.Value, 6);           // filed / received
        Assert.Equal(0.95, k.DispatchRate!.Value, 6);        // dispatched / filed
        Assert.Equal(0.9, k.ClosureRate!.Value, 6);          // closed / due
        Assert.Equal(0.8, k.OnTimeClosureRate!.Value, 6);    // closed on time / due
        Assert.Equal(0.1, k.ReworkRate!.Value, 6);           // reworked / due
        Assert.Equal(0.04, k.ExtensionRate!.Value, 6);       // extended / due
        Assert.Equal(0.9, k.RespondRate!.Value, 6);
        Assert.Equal(0.8, k.ReplyRate!.Value, 6);
        Assert.Equal(0.75, k.ResolveRate!.Value, 6);
        Assert.Equal(0.8, k.Satisfaction!.Value, 6);         // (非常满意 + 满意) / rated
        Assert.Equal(0.6, k.GridResolutionRate!.Value, 6);   // closed at grid / closed
        Assert.Equal(0.8, k.CommunityResolutionRate!.Value, 6);
        Assert.Equal(0.75, k.PatrolCoverage!.Value, 6);      // grids patrolled / grids

        // Default weights: 20 closure, 20 on time, 10 × 3 clocks, 15 satisfaction, 5 grid, 5 coverage, 5 (1 − rework).
        var expected = (20 * 0.9 + 20 * 0.8 + 10 * 0.9 + 10 * 0.8 + 10 * 0.75 + 15 * 0.8 + 5 * 0.6 + 5 * 0.75 + 5 * 0.9) / 100 * 100;
        Assert.Equal(Math.Round(expected, 2), k.Composite);
    }

    [Fact]
    public void Neutral_counts_as_satisfied_when_configured_and_weights_change_the_score()
    {
        var options = new MeasuresOptions { SatisfactionIncludesNeutral = true };
        Assert.Equal(0.9, KpiCalculator.Calculate(Sample(), 3, 4, options, new CompositeWeights()).Satisfaction!.Value, 6);

        var onlyClosure = new CompositeWeights
        {
            ClosureRate = 1, OnTimeClosureRate = 0, RespondRate = 0, ReplyRate = 0, ResolveRate = 0, Satisfaction = 0, GridResolutionRate = 0, PatrolCoverage = 0, ReworkRate = 0,
        };
        Assert.Equal(90, KpiCalculator.Calculate(Sample(), 3, 4, new MeasuresOptions(), onlyClosure).Composite);
        Assert.Null(KpiCalculator.Calculate(Sample(), 3, 4, new MeasuresOptions(), weights: null).Composite);
    }

    [Fact]
    public void Empty_denominators_give_no_value_and_drop_out_of_the_score()
    {
        var k = KpiCalculator.Calculate(new RollupCounts { Received = 3, Filed = 3 }, gridsPatrolled: 0, grids: 0, new MeasuresOptions(), new CompositeWeights());

        Assert.Equal(1, k.FilingRate);
        Assert.Null(k.ClosureRate);
        Assert.Null(k.PatrolCoverage);
        Assert.Null(k.Composite); // no weighted indicator has a value
    }

    [Fact]
    public void Options_reject_negative_weights_and_all_zero_weights()
    {
        static List<ValidationResult> Validate(AnalyticsOptions o)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true);
            return results;
        }

        Assert.Empty(Validate(new AnalyticsOptions()));
        Assert.NotEmpty(Validate(new AnalyticsOptions { Weights = new CompositeWeights { ClosureRate = -1 } }));
        Assert.NotEmpty(Validate(new AnalyticsOptions
        {
            Weights = new CompositeWeights
            {
                ClosureRate = 0, OnTimeClosureRate = 0, RespondRate = 0, ReplyRate = 0, ResolveRate = 0, Satisfaction = 0, GridResolutionRate = 0, PatrolCoverage = 0, ReworkRate = 0,
            },
        }));
    }
}
