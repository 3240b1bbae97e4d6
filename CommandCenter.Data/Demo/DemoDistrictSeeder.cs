namespace CommandCenter.Data.Demo;

/// <summary>Progress of a demo-district load.</summary>
public sealed record DemoSeedProgress(string Stage, long RowsWritten, double Fraction);

/// <summary>What a demo-district load wrote.</summary>
public sealed record DemoSeedResult(IReadOnlyDictionary<string, long> RowCounts, TimeSpan Elapsed)
{
    public long TotalRows => RowCounts.Values.Sum();
}

/// <summary>Generates the demo district deterministically and bulk-loads it with the provider's fast path.</summary>
public sealed class DemoDistrictSeeder
{
    /// <summary>True when the database already holds a district.</summary>
    public Task<bool> IsSeededAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written");

    public Task<DemoSeedResult> SeedAsync(double scale, int seed, IProgress<DemoSeedProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written");
}
