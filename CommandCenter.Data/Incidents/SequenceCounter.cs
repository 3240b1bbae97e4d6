using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommandCenter.Data.Providers;

namespace CommandCenter.Data.Incidents;

/// <summary>
/// A named counter, such as one incident-number sequence per day. Incrementing it with an UPDATE takes a row lock,
/// so concurrent reports are numbered one after another on every provider without retries.
/// </summary>
public class SequenceCounter
{
    public required string Key { get; set; }
    public long Value { get; set; }

    /// <summary>
    /// Adds <paramref name="count"/> to the counter and returns the new value in a single round trip (UPDATE … RETURNING
    /// on SQLite and PostgreSQL, UPDATE … OUTPUT on SQL Server); null when the counter does not exist yet.
    /// </summary>
    public static async Task<long?> IncrementAsync(CommandCenterDbContext db, string key, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var table = db.Model.FindEntityType(typeof(SequenceCounter))!.GetTableName();
        var sql = db is SqlServerCommandCenterDbContext
            ? $"UPDATE [{table}] SET [Value] = [Value] + {{1}} OUTPUT inserted.[Value] WHERE [Key] = {{0}}"
            : $"UPDATE \"{table}\" SET \"Value\" = \"Value\" + {{1}} WHERE \"Key\" = {{0}} RETURNING \"Value\"";
        var values = await db.Database.SqlQueryRaw<long>(sql, key, (long)count).ToListAsync(cancellationToken);
        return values.Count == 0 ? null : values[0];
    }
}

internal sealed class SequenceCounterConfiguration : IEntityTypeConfiguration<SequenceCounter>
{
    public void Configure(EntityTypeBuilder<SequenceCounter> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(32).IsUnicode(false);
    }
}
