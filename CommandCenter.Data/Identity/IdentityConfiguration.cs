using CommandCenter.Data.Hierarchy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Identity;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(64);
        b.Property(x => x.ScopeCode).HasMaxLength(HierarchyCode.GridLength).IsUnicode(false);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Channel).HasMaxLength(32).IsUnicode(false);
        b.Property(x => x.Prefix).HasMaxLength(ApiKeyHasher.PrefixLength).IsUnicode(false);
        b.Property(x => x.KeyHash).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.ScopeCode).HasMaxLength(HierarchyCode.GridLength).IsUnicode(false);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => x.KeyHash).IsUnique();
    }
}
