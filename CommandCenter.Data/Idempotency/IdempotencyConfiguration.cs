using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Idempotency;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(x => x.ClientId).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.Key).HasMaxLength(IdempotencyStore.MaxKeyLength).IsUnicode(false);
        b.Property(x => x.RequestHash).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.ResourceType).HasMaxLength(32).IsUnicode(false);
        b.HasIndex(x => new { x.ClientId, x.Key }).IsUnique();
        b.HasIndex(x => x.CreatedAt);
    }
}
