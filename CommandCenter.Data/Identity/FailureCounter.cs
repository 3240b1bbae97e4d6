using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Identity;

/// <summary>
/// One bucket of <see cref="FailureThrottle"/> in the database: how often <see cref="Bucket"/> (a kind and a hashed
/// client address, user name or key) counted in the minute starting at <see cref="WindowStart"/>.
/// </summary>
public class FailureCounter
{
    public const int BucketMax = 96;

    public required string Bucket { get; set; }
    public DateTime WindowStart { get; set; }
    public int Count { get; set; }
}

internal sealed class FailureCounterConfiguration : IEntityTypeConfiguration<FailureCounter>
{
    public void Configure(EntityTypeBuilder<FailureCounter> b)
    {
        b.HasKey(x => new { x.Bucket, x.WindowStart });
        b.Property(x => x.Bucket).HasMaxLength(FailureCounter.BucketMax).IsUnicode(false);
        b.HasIndex(x => x.WindowStart);
    }
}
