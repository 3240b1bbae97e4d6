using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.ServiceOrders;

internal sealed class ServiceOrderConfiguration : IEntityTypeConfiguration<ServiceOrder>
{
    public void Configure(EntityTypeBuilder<ServiceOrder> b)
    {
        b.Property(x => x.Title).HasMaxLength(128);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.GridId, x.Status });
        b.HasIndex(x => x.RequestedAt);
    }
}

internal sealed class MicroWishConfiguration : IEntityTypeConfiguration<MicroWish>
{
    public void Configure(EntityTypeBuilder<MicroWish> b)
    {
        b.Property(x => x.Wish).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.GridId, x.Status });
        b.HasIndex(x => x.CreatedAt);
    }
}
