using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Incidents;

/// <summary>
/// A named counter, such as one incident-number sequence per day. Incrementing it with an UPDATE takes a row lock,
/// so concurrent reports are numbered one after another on every provider without retries.
/// </summary>
public class SequenceCounter
{
    public required string Key { get; set; }
    public long Value { get; set; }
}

internal sealed class SequenceCounterConfiguration : IEntityTypeConfiguration<SequenceCounter>
{
    public void Configure(EntityTypeBuilder<SequenceCounter> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(32).IsUnicode(false);
    }
}
