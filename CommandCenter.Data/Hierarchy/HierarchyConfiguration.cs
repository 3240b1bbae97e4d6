using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Hierarchy;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.Property(x => x.Code).HasMaxLength(HierarchyCode.DistrictLength).IsUnicode(false);
        b.Property(x => x.Name).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class StreetConfiguration : IEntityTypeConfiguration<Street>
{
    public void Configure(EntityTypeBuilder<Street> b)
    {
        b.Property(x => x.Code).HasMaxLength(HierarchyCode.StreetLength).IsUnicode(false);
        b.Property(x => x.Name).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne(x => x.District).WithMany(x => x.Streets).HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> b)
    {
        b.Property(x => x.Code).HasMaxLength(HierarchyCode.CommunityLength).IsUnicode(false);
        b.Property(x => x.Name).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne(x => x.Street).WithMany(x => x.Communities).HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GridConfiguration : IEntityTypeConfiguration<Grid>
{
    public void Configure(EntityTypeBuilder<Grid> b)
    {
        b.Property(x => x.Code).HasMaxLength(HierarchyCode.GridLength).IsUnicode(false);
        b.Property(x => x.Name).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.StreetId);
        b.HasOne(x => x.Community).WithMany(x => x.Grids).HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}
