using CommandCenter.Data.Hierarchy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Analytics;

internal sealed class IncidentRollupConfiguration : IEntityTypeConfiguration<IncidentRollup>
{
    public void Configure(EntityTypeBuilder<IncidentRollup> b)
    {
        // The key leads with the bucket, so a period is one range scan and a bucket is replaced by one range delete.
        b.HasKey(x => new { x.Granularity, x.PeriodStart, x.GridId, x.CategoryId, x.Source, x.HandlingUnitId, x.GridWorkerId });
        b.HasIndex(x => new { x.Granularity, x.StreetId, x.PeriodStart });
        b.HasIndex(x => new { x.Granularity, x.CommunityId, x.PeriodStart });
        b.HasIndex(x => new { x.Granularity, x.GridId, x.PeriodStart });
    }
}

internal sealed class RollupWatermarkConfiguration : IEntityTypeConfiguration<RollupWatermark>
{
    public void Configure(EntityTypeBuilder<RollupWatermark> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}

internal sealed class NodeSnapshotConfiguration : IEntityTypeConfiguration<NodeSnapshot>
{
    public void Configure(EntityTypeBuilder<NodeSnapshot> b)
    {
        b.HasKey(x => new { x.Day, x.NodeCode });
        b.Property(x => x.NodeCode).HasMaxLength(HierarchyCode.GridLength).IsUnicode(false);
        b.HasIndex(x => new { x.NodeCode, x.Day });
    }
}
