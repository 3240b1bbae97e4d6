using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Ratings;

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> b)
    {
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.HasIndex(x => new { x.RatedAt, x.Level, x.GridId });
        // One rating per incident.
        b.HasIndex(x => x.IncidentId).IsUnique();
        b.HasIndex(x => x.ServiceOrderId);
        b.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallBackConfiguration : IEntityTypeConfiguration<CallBack>
{
    public void Configure(EntityTypeBuilder<CallBack> b)
    {
        b.Property(x => x.OfficerId).HasMaxLength(450);
        b.Property(x => x.OfficerName).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasIndex(x => x.IncidentId);
        b.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
