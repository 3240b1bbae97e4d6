using CommandCenter.Data.Hierarchy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Objects;

internal sealed class CityComponentConfiguration : IEntityTypeConfiguration<CityComponent>
{
    public void Configure(EntityTypeBuilder<CityComponent> b)
    {
        b.Property(x => x.Code).HasMaxLength(16).IsUnicode(false);
        b.Property(x => x.MajorCode).HasMaxLength(2).IsUnicode(false);
        b.Property(x => x.MinorCode).HasMaxLength(2).IsUnicode(false);
        b.Property(x => x.MajorName).HasMaxLength(32);
        b.Property(x => x.MinorName).HasMaxLength(32);
        b.Property(x => x.Owner).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => new { x.GridId, x.MajorCode, x.State });
        b.HasOne<Grid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.Property(x => x.SerialNumber).HasMaxLength(32).IsUnicode(false);
        b.HasIndex(x => x.SerialNumber).IsUnique();
        b.HasIndex(x => new { x.GridId, x.Kind });
        b.HasIndex(x => x.ResidentId);
        b.HasOne(x => x.Resident).WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
    }
}
