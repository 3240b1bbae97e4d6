namespace CommandCenter.Data.Tests.Demo;

public sealed class DemoPostgresParityTests
{
    [Fact]
    public async Task Copy_loader_writes_the_same_rows_as_the_sqlite_loader()
    {
        await using var sqlite = await DemoTestDatabase.CreateSqliteAsync();
        var expected = await sqlite.SeedAsync();
        await using var postgres = await DemoTestDatabase.CreatePostgresAsync();
        var actual = await postgres.SeedAsync();
        Assert.Equal(expected.RowCounts.OrderBy(kv => kv.Key), actual.RowCounts.OrderBy(kv => kv.Key));

        // Identity sequences continue after the explicit Ids.
        await using var db = postgres.CreateDbContext();
        var district = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Districts);
        db.StaffMembers.Add(new People.StaffMember { Name = "测试", Phone = "13800000000", AreaCode = district.Code });
        await db.SaveChangesAsync();
    }
}
