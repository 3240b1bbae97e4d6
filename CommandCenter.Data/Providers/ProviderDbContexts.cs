using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommandCenter.Data.Providers;

/// <summary>SQLite: the embedded default. It owns Migrations/Sqlite.</summary>
public sealed class SqliteCommandCenterDbContext(DbContextOptions<SqliteCommandCenterDbContext> options)
    : CommandCenterDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite stores timestamps as text without a kind; every timestamp we store is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v,
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>PostgreSQL (Npgsql). It owns Migrations/PostgreSql.</summary>
public sealed class PostgreSqlCommandCenterDbContext(DbContextOptions<PostgreSqlCommandCenterDbContext> options)
    : CommandCenterDbContext(options);

/// <summary>SQL Server (Microsoft.Data.SqlClient). It owns Migrations/SqlServer.</summary>
public sealed class SqlServerCommandCenterDbContext(DbContextOptions<SqlServerCommandCenterDbContext> options)
    : CommandCenterDbContext(options);
