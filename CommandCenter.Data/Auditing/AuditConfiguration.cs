using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Auditing;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        // Triggers refuse UPDATE and DELETE (migration KeyedAuditChain); declared so that EF writes inserts the trigger-safe way.
        b.ToTable(t => t.HasTrigger("AuditEntries_NoUpdateDelete"));
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Action).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.EntityType).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.EntityId).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.Detail).HasMaxLength(2000);
        b.Property(x => x.RemoteIp).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.PreviousHash).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.Hash).HasMaxLength(64).IsUnicode(false);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.UserId, x.At });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.LastHash).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.Signature).HasMaxLength(64).IsUnicode(false);
    }
}
