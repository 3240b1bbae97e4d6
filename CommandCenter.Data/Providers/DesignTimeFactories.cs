using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommandCenter.Data.Providers;

// Used by `dotnet ef migrations add` only; see docs/architecture.md for the commands.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCommandCenterDbContext>
{
    public SqliteCommandCenterDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure<SqliteCommandCenterDbContext>(
            new DbContextOptionsBuilder<SqliteCommandCenterDbContext>(), DatabaseProvider.Sqlite, "Data Source=design.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlCommandCenterDbContext>
{
    public PostgreSqlCommandCenterDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure<PostgreSqlCommandCenterDbContext>(
            new DbContextOptionsBuilder<PostgreSqlCommandCenterDbContext>(), DatabaseProvider.PostgreSql, "Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCommandCenterDbContext>
{
    public SqlServerCommandCenterDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure<SqlServerCommandCenterDbContext>(
            new DbContextOptionsBuilder<SqlServerCommandCenterDbContext>(), DatabaseProvider.SqlServer, "Server=localhost;Database=design;TrustServerCertificate=true").Options);
}
