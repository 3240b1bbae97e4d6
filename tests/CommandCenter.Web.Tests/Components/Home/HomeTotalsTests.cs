using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using CommandCenter.Data.Statistics;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Components.Home;

/// <summary>The home page's totals against direct COUNT queries over rows written here.</summary>
public sealed class HomeTotalsTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>, IAsyncLifetime
{
    private static readonly SemaphoreSlim Once = new(1, 1);

    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try
        {
            await factory.WithDbAsync(async db =>
            {
                if (!await db.Districts.AnyAsync())
                {
                    await TestDistrict.AddAsync(db, DateTime.UtcNow);
                }
            });
        }
        finally
        {
            Once.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Totals_equal_direct_counts()
    {
        var year = DateTime.UtcNow.Year;
        var yearStart = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var totals = await factory.Services.GetRequiredService<StatisticsQueries>().DistrictTotalsAsync(year, yearStart);

        await factory.WithDbAsync(async db =>
        {
            Assert.Equal("测试区", totals.Hierarchy.DistrictName);
            Assert.Equal(await db.Streets.CountAsync(), totals.Hierarchy.Streets);
            Assert.Equal(await db.Communities.CountAsync(), totals.Hierarchy.Communities);
            Assert.Equal(await db.Grids.CountAsync(), totals.Hierarchy.Grids);
            Assert.Equal(await db.GridWorkers.CountAsync(w => w.IsActive), totals.Hierarchy.GridWorkers);

            Assert.Equal(await db.Residents.CountAsync(), totals.People.Total);
            Assert.Equal(await db.Residents.CountAsync(r => r.Type == ResidentType.Registered), totals.People.Registered);
            Assert.Equal(await db.Residents.CountAsync(r => r.Type == ResidentType.Migrant), totals.People.Migrant);
            Assert.Equal(await db.Residents.CountAsync(r => r.Type == ResidentType.Foreign), totals.People.Foreign);
            var flags = await db.Residents.Select(r => r.KeyGroups).ToListAsync();
            Assert.Equal(flags.Count(f => f.HasFlag(KeyGroups.Aged60Plus)), totals.People.Aged60Plus);
            Assert.Equal(flags.Count(f => f.HasFlag(KeyGroups.LivingAlone)), totals.People.LivingAlone);
            Assert.Equal(flags.Count(f => f.HasFlag(KeyGroups.Child)), totals.People.Children);
            Assert.Equal(flags.Count(f => f.HasFlag(KeyGroups.Disabled)), totals.People.Disabled);
            Assert.Equal(flags.Count(f => f.HasFlag(KeyGroups.LeftBehind)), totals.People.LeftBehind);
            Assert.Equal(flags.Count(f => f.HasFlag(KeyGroups.SpecialCare)), totals.People.SpecialCare);
            Assert.Equal(await db.Residents.CountAsync(r => r.IsPartyMember), totals.People.PartyMembers);

            Assert.Equal(await db.Buildings.CountAsync(), totals.Places.Buildings);
            Assert.Equal(await db.Rooms.CountAsync(), totals.Places.Rooms);
            Assert.Equal(await db.Households.CountAsync(), totals.Places.Households);
            Assert.Equal(await db.Places.CountAsync(p => p.Kind == PlaceKind.School), totals.Places.PlacesByKind[PlaceKind.School]);
            Assert.Equal(await db.Places.CountAsync(), totals.Places.Places);

            Assert.Equal(await db.CityComponents.CountAsync(), totals.Components.Total);
            Assert.Equal(await db.CityComponents.CountAsync(c => c.MajorCode == "01"), totals.Components.ByMajor.Single(m => m.MajorCode == "01").Count);
            Assert.Equal("公用设施", totals.Components.ByMajor[0].MajorName);
            Assert.Equal(await db.CityComponents.CountAsync(c => c.State == ComponentState.Normal), totals.Components.ByState[ComponentState.Normal]);

            Assert.Equal(await db.Organizations.CountAsync(o => o.Kind == OrganizationKind.PartyOrganization), totals.Organizations.ByKind[OrganizationKind.PartyOrganization]);
            Assert.Equal(await db.Organizations.CountAsync(o => o.PartyTier == PartyTier.GridBranch), totals.Organizations.PartyByTier[PartyTier.GridBranch]);

            var thisYear = db.Incidents.Where(i => i.ReportedAt >= yearStart);
            Assert.Equal(await thisYear.CountAsync(), totals.Incidents.Total);
            Assert.Equal(await thisYear.CountAsync(i => i.Stage == IncidentStage.Closed || i.Stage == IncidentStage.Evaluated), totals.Incidents.Closed);
            Assert.Equal(await thisYear.CountAsync(i => i.Stage != IncidentStage.Closed && i.Stage != IncidentStage.Evaluated && i.Stage != IncidentStage.Rejected), totals.Incidents.Open);
            Assert.True(await db.Incidents.CountAsync() > totals.Incidents.Total, "last year's incidents are not counted");
        });
    }

    [Fact]
    public async Task Signed_in_home_page_shows_the_totals_in_Chinese()
    {
        await factory.CreateUserAsync("home-leader", Roles.Leader);
        var client = await factory.SignedInBrowserAsync("home-leader");

        var html = await client.GetStringAsync("/");

        Assert.Contains("测试区", html, StringComparison.Ordinal);
        Assert.Contains("实有人口", html, StringComparison.Ordinal);
        Assert.Contains("60岁以上", html, StringComparison.Ordinal);
        Assert.Contains("公用设施", html, StringComparison.Ordinal);
        Assert.Contains("网格党支部", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"cc-stat-value\">11</div>", html, StringComparison.Ordinal);
    }
}
