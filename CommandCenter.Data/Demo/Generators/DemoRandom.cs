namespace CommandCenter.Data.Demo.Generators;

/// <summary>Deterministic random streams: one <see cref="Random"/> per generator area, derived from the seed and a fixed salt.</summary>
public static class DemoRandom
{
    public static Random Stream(int seed, int salt) => new(unchecked((seed * 1_000_003) ^ (salt * 7_919) ^ 0x5bd1e995));

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>An index drawn with the given weights (need not sum to one).</summary>
    public static int PickWeighted(this Random random, IReadOnlyList<double> weights)
    {
        double total = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }
        return weights.Count - 1;
    }

    /// <summary>A log-normal duration in minutes with the given median and spread (sigma of the log).</summary>
    public static double LogNormalMinutes(this Random random, double median, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return median * Math.Exp(sigma * normal);
    }

    /// <summary>Cumulative weights for fast repeated draws with <see cref="PickCumulative"/>.</summary>
    public static double[] Cumulate(IReadOnlyList<double> weights)
    {
        var c = new double[weights.Count];
        double sum = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    public static int PickCumulative(this Random random, double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        i = i >= 0 ? i + 1 : ~i;
        return Math.Min(i, cumulative.Length - 1);
    }

    /// <summary>Splits <paramref name="total"/> into parts proportional to <paramref name="weights"/> (largest remainder), each at least <paramref name="minimum"/>.</summary>
    public static int[] Apportion(int total, IReadOnlyList<double> weights, int minimum = 0)
    {
        var n = weights.Count;
        var result = new int[n];
        var rest = total - (minimum * n);
        if (rest < 0)
        {
            Array.Fill(result, total / Math.Max(1, n));
            return result;
        }
        var sum = weights.Sum();
        var remainders = new (double Fraction, int Index)[n];
        var assigned = 0;
        for (var i = 0; i < n; i++)
        {
            var exact = rest * weights[i] / sum;
            result[i] = minimum + (int)Math.Floor(exact);
            assigned += (int)Math.Floor(exact);
            remainders[i] = (exact - Math.Floor(exact), i);
        }
        foreach (var r in remainders.OrderByDescending(r => r.Fraction).ThenBy(r => r.Index).Take(rest - assigned))
        {
            result[r.Index]++;
        }
        return result;
    }
}
