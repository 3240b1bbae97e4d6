using CommandCenter.Data.Objects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Sos;

internal sealed class SosAlertConfiguration : IEntityTypeConfiguration<SosAlert>
{
    public const string OpenAlarmPerDeviceIndex = "IX_SosAlerts_OpenAlarmPerDevice";

    public void Configure(EntityTypeBuilder<SosAlert> b)
    {
        b.Property(x => x.AcknowledgedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Status, x.RaisedAt });
        b.HasIndex(x => x.DeviceId);
        // One open (Raised) alarm per device, on every node: a concurrent second alarm fails here and adds to the first.
        b.HasIndex(x => x.DeviceId, OpenAlarmPerDeviceIndex).IsUnique().HasFilter("\"Status\" = 0");
        b.HasIndex(x => x.IncidentId);
        b.HasOne<Device>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}
