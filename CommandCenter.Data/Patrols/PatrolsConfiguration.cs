using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Patrols;

internal sealed class PatrolConfiguration : IEntityTypeConfiguration<Patrol>
{
    public void Configure(EntityTypeBuilder<Patrol> b)
    {
        b.HasIndex(x => new { x.StartedAt, x.GridId });
        b.HasIndex(x => new { x.GridWorkerId, x.StartedAt });
        b.HasIndex(x => x.EndedAt);
        b.HasOne<GridWorker>().WithMany().HasForeignKey(x => x.GridWorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Grid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PatrolCheckInConfiguration : IEntityTypeConfiguration<PatrolCheckIn>
{
    public void Configure(EntityTypeBuilder<PatrolCheckIn> b)
    {
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.PhotoRef).HasMaxLength(256);
        b.HasIndex(x => x.PatrolId);
        b.HasIndex(x => new { x.At, x.GridId });
        b.HasOne(x => x.Patrol).WithMany(x => x.CheckIns).HasForeignKey(x => x.PatrolId).OnDelete(DeleteBehavior.Cascade);
    }
}
