using CommandCenter.Data.Analytics;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.Places;
using CommandCenter.Data.Providers;
using CommandCenter.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Tests.Registry;

public class RegistryCountsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Every_node_counts_what_its_analytics_snapshot_counts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var (grid, _, _, _) = await SampleData.AddNeighbourhoodAsync(db);
        db.Places.Add(new Place { GridId = grid.Id, Kind = PlaceKind.School, Name = "小学", Address = "路1号" });
        db.CityComponents.Add(new CityComponent { GridId = grid.Id, Code = "6102020108000001", MajorCode = "01", MajorName = "公用设施", MinorCode = "08", MinorName = "路灯", Owner = "市政" });
        db.Organizations.AddRange(
            new Organization { Kind = OrganizationKind.PartyOrganization, PartyTier = PartyTier.StreetWorkingCommittee, Name = "街道党工委", AreaCode = "610202001" },
            new Organization { Kind = OrganizationKind.Enterprise, Name = "企业", AreaCode = grid.Code });
        await db.SaveChangesAsync();

        var snapshots = await NodeSnapshotBuilder.CountAsync(db, new DateOnly(2026, 12, 1), CancellationToken.None);
        Assert.NotEmpty(snapshots);
        foreach (var s in snapshots)
        {
            var counts = await RegistryCounts.QueryAsync(db, s.NodeCode);
            Assert.Equal(new RegistryCounts(s.Residents, s.Households, s.Buildings, s.Rooms, s.Places, s.Components, s.Organizations), counts);
        }
        var whole = await RegistryCounts.QueryAsync(db, null);
        Assert.Equal(await db.Residents.LongCountAsync(), whole.Residents);
        Assert.Equal(1, whole.Places);
    }
}
