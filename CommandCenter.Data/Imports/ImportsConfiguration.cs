using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommandCenter.Data.Imports;

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.StoredFile).HasMaxLength(260);
        b.Property(x => x.Message).HasMaxLength(2000);
        b.Property(x => x.CreatedByUserId).HasMaxLength(450);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.JobId).HasMaxLength(64);
        b.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> b)
    {
        b.Property(x => x.Column).HasMaxLength(64);
        b.Property(x => x.Message).HasMaxLength(500);
        b.HasOne<ImportRun>().WithMany().HasForeignKey(x => x.ImportRunId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ImportRunId, x.Row });
    }
}
