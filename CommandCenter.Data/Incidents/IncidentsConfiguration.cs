using CommandCenter.Data.Hierarchy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Incidents;

internal sealed class IncidentCategoryConfiguration : IEntityTypeConfiguration<IncidentCategory>
{
    public void Configure(EntityTypeBuilder<IncidentCategory> b)
    {
        b.Property(x => x.Code).HasMaxLength(8).IsUnicode(false);
        b.Property(x => x.MajorCode).HasMaxLength(2).IsUnicode(false);
        b.Property(x => x.MinorCode).HasMaxLength(2).IsUnicode(false);
        b.Property(x => x.MajorName).HasMaxLength(32);
        b.Property(x => x.MinorName).HasMaxLength(32);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class HandlingUnitConfiguration : IEntityTypeConfiguration<HandlingUnit>
{
    public void Configure(EntityTypeBuilder<HandlingUnit> b)
    {
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.AreaCode).HasMaxLength(HierarchyCode.GridLength).IsUnicode(false);
        b.Property(x => x.Contact).HasMaxLength(64);
        b.HasIndex(x => new { x.Tier, x.AreaCode });
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.Ignore(x => x.IsOpen);
        b.Property(x => x.Number).HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.Title).HasMaxLength(128);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.Address).HasMaxLength(256);
        b.Property(x => x.ReporterName).HasMaxLength(64);
        b.Property(x => x.ReporterPhone).HasMaxLength(32).IsUnicode(false);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.PhotoUrls).HasMaxLength(IncidentPhotos.Max * (IncidentPhotos.UrlMax + 1)).IsUnicode(false);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => x.ReportedAt);
        b.HasIndex(x => new { x.Stage, x.ReportedAt });
        b.HasIndex(x => new { x.GridId, x.ReportedAt });
        b.HasIndex(x => new { x.StreetId, x.ReportedAt });
        b.HasIndex(x => new { x.CommunityId, x.ReportedAt });
        b.HasIndex(x => new { x.CategoryId, x.ReportedAt });
        b.HasIndex(x => x.UpdatedAt);
        // The analytics rollup recomputes a day by each lifecycle timestamp (Analytics/IncidentRollupCounter).
        b.HasIndex(x => x.FiledAt);
        b.HasIndex(x => x.DispatchedAt);
        b.HasIndex(x => x.ClosedAt);
        b.HasIndex(x => x.ResolveDueAt);
        b.HasIndex(x => x.HandlingUnitId);
        b.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.HandlingUnit).WithMany().HasForeignKey(x => x.HandlingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Grid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Incident>().WithMany().HasForeignKey(x => x.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IncidentHistoryConfiguration : IEntityTypeConfiguration<IncidentHistory>
{
    public void Configure(EntityTypeBuilder<IncidentHistory> b)
    {
        b.Property(x => x.ActorId).HasMaxLength(450);
        b.Property(x => x.ActorName).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => new { x.IncidentId, x.Version });
        b.HasIndex(x => new { x.At, x.Action });
        b.HasOne(x => x.Incident).WithMany(x => x.History).HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupervisionConfiguration : IEntityTypeConfiguration<Supervision>
{
    public void Configure(EntityTypeBuilder<Supervision> b)
    {
        b.Property(x => x.Reason).HasMaxLength(512);
        // One supervision per incident and clock: the clock watcher may run twice.
        b.HasIndex(x => new { x.IncidentId, x.Clock }).IsUnique();
        b.HasIndex(x => new { x.ResolvedAt, x.HandlingUnitId });
        b.HasOne(x => x.Incident).WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
