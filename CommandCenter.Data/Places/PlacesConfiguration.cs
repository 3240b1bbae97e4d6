using CommandCenter.Data.Hierarchy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Places;

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> b)
    {
        b.Property(x => x.Code).HasMaxLength(24).IsUnicode(false);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Address).HasMaxLength(128);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.GridId);
        b.HasOne<Grid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.Property(x => x.Number).HasMaxLength(24).IsUnicode(false);
        b.HasIndex(x => new { x.BuildingId, x.Number }).IsUnique();
        // Covering index for per-grid statistics by use.
        b.HasIndex(x => new { x.GridId, x.Use });
        b.HasOne(x => x.Building).WithMany(x => x.Rooms).HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> b)
    {
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.Address).HasMaxLength(128);
        b.HasIndex(x => new { x.GridId, x.Kind });
        b.HasOne<Grid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}
