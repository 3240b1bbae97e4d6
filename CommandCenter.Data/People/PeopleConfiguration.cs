using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.People;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.Property(x => x.Number).HasMaxLength(32).IsUnicode(false);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => x.RoomId);
        b.HasIndex(x => new { x.GridId, x.IsPartyMemberCentre });
        b.HasIndex(x => x.BuildingId);
        b.HasOne(x => x.Room).WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> b)
    {
        b.Property(x => x.Name).HasMaxLength(32);
        b.Property(x => x.IdNumber).HasMaxLength(32).IsUnicode(false);
        b.Property(x => x.IdNumberHash).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.Phone).HasMaxLength(20).IsUnicode(false);
        b.HasIndex(x => x.IdNumberHash);
        b.HasIndex(x => x.HouseholdId);
        // Covering index for per-grid statistics by type and key group.
        b.HasIndex(x => new { x.GridId, x.Type, x.KeyGroups, x.IsPartyMember });
        b.HasOne(x => x.Household).WithMany(x => x.Residents).HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GridWorkerConfiguration : IEntityTypeConfiguration<GridWorker>
{
    public void Configure(EntityTypeBuilder<GridWorker> b)
    {
        b.Property(x => x.Name).HasMaxLength(32);
        b.Property(x => x.Phone).HasMaxLength(20).IsUnicode(false);
        b.Property(x => x.EmployeeNumber).HasMaxLength(24).IsUnicode(false);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => x.EmployeeNumber).IsUnique();
        b.HasIndex(x => x.GridId);
        b.HasOne(x => x.Grid).WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.Property(x => x.Name).HasMaxLength(32);
        b.Property(x => x.Phone).HasMaxLength(20).IsUnicode(false);
        b.Property(x => x.AreaCode).HasMaxLength(HierarchyCode.GridLength).IsUnicode(false);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => new { x.AreaCode, x.Role });
    }
}
