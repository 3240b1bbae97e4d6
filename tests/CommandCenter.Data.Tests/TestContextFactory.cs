using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Tests;

/// <summary>Hands out contexts on a test database, as the app's registered factory does.</summary>
public sealed class TestContextFactory(TestDatabase database) : IDbContextFactory<CommandCenterDbContext>
{
    public CommandCenterDbContext CreateDbContext() => database.CreateContext();
}
