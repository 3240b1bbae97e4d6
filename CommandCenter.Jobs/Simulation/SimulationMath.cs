using CommandCenter.Data;
namespace CommandCenter.Jobs.Simulation;

/// <summary>The simulator's clocks and chances: China local time, the daily curve, delays, Poisson counts.</summary>
internal static class SimulationMath
{
    // Local hour-of-day weights: quiet nights, a morning peak around 10:00, an afternoon one around 16:00 (max 2.3).
    private static readonly double[] HourWeights =
    [
        0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 0.9, 1.6, 2.2, 2.3, 1.9,
        1.2, 1.1, 1.6, 2.0, 2.0, 1.7, 1.2, 1.1, 1.0, 0.8, 0.6, 0.4,
    ];

    private static readonly double PeakWeight = HourWeights.Max();

    public static DateTime Local(DateTime utc) => ChinaDay.Local(utc);

    /// <summary>0–1 share of the peak rate at this moment (interpolated between hours; weekends quieter).</summary>
    public static double DailyCurve(DateTime utc)
    {
        var local = Local(utc);
        var hour = local.Hour + (local.Minute / 60.0);
        var h0 = (int)Math.Floor(hour) % 24;
        var h1 = (h0 + 1) % 24;
        var f = hour - Math.Floor(hour);
        var weight = (HourWeights[h0] * (1 - f)) + (HourWeights[h1] * f);
        var weekday = local.DayOfWeek switch { DayOfWeek.Saturday => 0.8, DayOfWeek.Sunday => 0.7, _ => 1.0 };
        return weight / PeakWeight * weekday;
    }

    public static bool IsDaytime(DateTime utc) => Local(utc).Hour is >= 8 and < 19;

    /// <summary>A Poisson count (Knuth for small means, a rounded normal for large ones).</summary>
    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }
        if (mean > 30)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(mean + (z * Math.Sqrt(mean))));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }
        return k;
    }

    /// <summary>
    /// The chance that a log-normal delay (median, sigma; minutes) that has not ended after <paramref name="elapsed"/>
    /// ends within the next <paramref name="step"/>: (F(t+Δ) − F(t)) / (1 − F(t)).
    /// </summary>
    public static double EndsWithin(double elapsed, double step, double median, double sigma)
    {
        if (step <= 0)
        {
            return 0;
        }
        var before = LogNormalCdf(Math.Max(elapsed, 0), median, sigma);
        var after = LogNormalCdf(Math.Max(elapsed, 0) + step, median, sigma);
        var remaining = 1 - before;
        return remaining < 1e-9 ? 1 : Math.Clamp((after - before) / remaining, 0, 1);
    }

    private static double LogNormalCdf(double x, double median, double sigma) =>
        x <= 0 ? 0 : 0.5 * (1 + Erf(Math.Log(x / median) / (sigma * Math.Sqrt(2))));

    /// <summary>Abramowitz–Stegun 7.1.26 (error below 1.5e-7).</summary>
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var y = 1 - ((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}
