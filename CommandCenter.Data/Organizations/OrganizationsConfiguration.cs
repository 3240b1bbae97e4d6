using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.AreaCode).HasMaxLength(HierarchyCode.GridLength).IsUnicode(false);
        b.Property(x => x.CreditCode).HasMaxLength(18).IsUnicode(false);
        b.Property(x => x.Industry).HasMaxLength(32);
        b.HasIndex(x => new { x.AreaCode, x.Kind, x.PartyTier });
        b.HasIndex(x => x.ParentId);
        b.HasIndex(x => x.GridId);
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrganizationMembershipConfiguration : IEntityTypeConfiguration<OrganizationMembership>
{
    public void Configure(EntityTypeBuilder<OrganizationMembership> b)
    {
        b.HasIndex(x => new { x.OrganizationId, x.ResidentId }).IsUnique();
        b.HasIndex(x => x.ResidentId);
        b.HasOne(x => x.Organization).WithMany(x => x.Memberships).HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
    }
}
