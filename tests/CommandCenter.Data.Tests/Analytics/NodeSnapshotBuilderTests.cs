using CommandCenter.Data.Analytics;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Analytics;

public class NodeSnapshotBuilderTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Every_node_s_snapshot_equals_direct_counts_and_a_second_run_replaces_the_day(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var (grid, _, _, _) = await SampleData.AddNeighbourhoodAsync(db);
            db.Organizations.AddRange(
                new Organization { Kind = OrganizationKind.PartyOrganization, PartyTier = PartyTier.StreetWorkingCommittee, Name = "街道党工委", AreaCode = "610202001", MemberCount = 12 },
                new Organization { Kind = OrganizationKind.Enterprise, Name = "企业", AreaCode = grid.Code, GridId = grid.Id, MemberCount = 30 },
                new Organization { Kind = OrganizationKind.VolunteerTeam, Name = "志愿队", AreaCode = "610202001001", MemberCount = 8 });
            await db.SaveChangesAsync();
        }
        var day = new DateOnly(2026, 11, 22);
        var builder = new NodeSnapshotBuilder(new TestContextFactory(database), new FakeTimeProvider(), NullLogger<NodeSnapshotBuilder>.Instance);

        Assert.Equal(4, await builder.TakeAsync(day));
        await using (var db = database.CreateContext())
        {
            db.Residents.Add(new Resident { HouseholdId = (await db.Households.FirstAsync()).Id, GridId = (await db.Grids.FirstAsync()).Id, Name = "新居民", IdNumber = "610202200001011234", IdNumberHash = "h3", Type = ResidentType.Migrant, KeyGroups = KeyGroups.Child });
            await db.SaveChangesAsync();
        }
        Assert.Equal(4, await builder.TakeAsync(day)); // replaces, never duplicates

        await using var check = database.CreateContext();
        var snapshots = await check.Set<NodeSnapshot>().Where(s => s.Day == day).ToDictionaryAsync(s => s.NodeCode);
        Assert.Equal(4, snapshots.Count);
        foreach (var (code, s) in snapshots)
        {
            var grids = await check.Grids.Where(g => g.Code.StartsWith(code)).Select(g => g.Id).ToListAsync();
            Assert.Equal(await check.Residents.CountAsync(r => grids.Contains(r.GridId)), s.Residents);
            Assert.Equal(await check.Residents.CountAsync(r => grids.Contains(r.GridId) && r.Type == ResidentType.Migrant), s.Migrant);
            Assert.Equal(await check.Residents.CountAsync(r => grids.Contains(r.GridId) && (r.KeyGroups & KeyGroups.LivingAlone) != 0), s.LivingAlone);
            Assert.Equal(await check.Residents.CountAsync(r => grids.Contains(r.GridId) && r.IsPartyMember), s.PartyMembers);
            Assert.Equal(await check.Households.CountAsync(h => grids.Contains(h.GridId)), s.Households);
            Assert.Equal(await check.Buildings.CountAsync(b => grids.Contains(b.GridId)), s.Buildings);
            Assert.Equal(await check.GridWorkers.CountAsync(w => grids.Contains(w.GridId)), s.GridWorkers);
            Assert.Equal(await check.Organizations.CountAsync(o => o.AreaCode.StartsWith(code)), s.Organizations);
            Assert.Equal(await check.Organizations.Where(o => o.AreaCode.StartsWith(code)).SumAsync(o => o.MemberCount), s.OrganizationMembers);
        }
        Assert.Equal(HierarchyLevel.District, snapshots["610202"].Level);
        Assert.Equal(3, snapshots["610202"].Residents);
        Assert.Equal(1, snapshots["610202001001001"].Enterprises);
        Assert.Equal(0, snapshots["610202001001001"].PartyOrganizations); // the street committee sits above the grid
        Assert.Equal(1, snapshots["610202001"].PartyOrganizations);
    }
}
