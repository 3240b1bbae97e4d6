using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CommandCenter.Data.Demo.IdNumbers;
using CommandCenter.Data.Incidents;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Data.Tests.Demo;

public sealed class DemoDeterminismTests
{
    private static readonly string[] Tables =
    [
        "Districts", "Streets", "Communities", "Grids", "HandlingUnits", "GridWorkers", "StaffMembers", "Buildings", "Rooms",
        "Households", "Residents", "Places", "CityComponents", "Devices", "Organizations", "OrganizationMemberships",
        "Incidents", "IncidentHistory", "Supervisions", "CallBacks", "SosAlerts", "Patrols", "PatrolCheckIns",
        "ServiceOrders", "MicroWishes", "Ratings", "IncidentCategories",
    ];

    [Fact]
    public async Task Same_seed_and_anchor_give_identical_content_and_another_seed_differs()
    {
        var first = await SeedAndHashAsync(DemoTestDatabase.Seed);
        var second = await SeedAndHashAsync(DemoTestDatabase.Seed);
        var other = await SeedAndHashAsync(DemoTestDatabase.Seed + 1);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private static async Task<string> SeedAndHashAsync(int seed)
    {
        await using var database = await DemoTestDatabase.CreateSqliteAsync();
        await database.SeedAsync(seed);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY \"Id\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                    hash.AppendData(Encoding.UTF8.GetBytes(value + "\u001f"));
                }
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    [Fact]
    public async Task Reference_data_seeder_is_idempotent()
    {
        await using var database = await DemoTestDatabase.CreateSqliteAsync();
        var seeder = new ReferenceDataSeeder(database, NullLogger<ReferenceDataSeeder>.Instance);
        await seeder.EnsureAsync();
        await seeder.EnsureAsync();
        await using var db = database.CreateDbContext();
        var categories = await db.IncidentCategories.ToListAsync();
        Assert.Equal(CategoryCatalog.Create().Count, categories.Count);
        Assert.InRange(categories.Count, 60, 95);
        Assert.Equal(categories.Count, categories.Select(c => c.Code).Distinct().Count());
        foreach (var kind in Enum.GetValues<CategoryKind>())
        {
            Assert.Contains(categories, c => c.Kind == kind);
        }
        Assert.False(await database.CreateSeeder().IsSeededAsync());
    }

    [Fact]
    public async Task Seeding_twice_is_refused()
    {
        await using var database = await DemoTestDatabase.CreateSqliteAsync();
        await database.SeedAsync(scale: 0.01);
        Assert.True(await database.CreateSeeder().IsSeededAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.SeedAsync(scale: 0.01));
    }

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("11010519491331002X", false)]
    [InlineData("1101051949123100", false)]
    public void Citizen_id_check_character_follows_gb_11643(string number, bool valid) =>
        Assert.Equal(valid, CitizenIdNumber.IsValid(number));
}
