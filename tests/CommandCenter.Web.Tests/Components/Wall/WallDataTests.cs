using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.Statistics;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Components.Wall;

/// <summary>The wall's base numbers per node and its map geometry, read from a real (SQLite) database.</summary>
public sealed class WallDataTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>, IAsyncLifetime
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
    public async Task The_districts_base_numbers_equal_the_home_pages_totals_and_the_streets_add_up_to_them()
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<CommandCenterDbContext>>();
        var statistics = factory.Services.GetRequiredService<StatisticsQueries>();
        var totals = await statistics.DistrictTotalsAsync(DateTime.UtcNow.Year, new DateTime(DateTime.UtcNow.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Dictionary<string, NodeBaseFigures> byNode = [];
        string district = string.Empty;
        List<string> streets = [];
        await factory.WithDbAsync(async db =>
        {
            byNode = await statistics.NodeFiguresAsync();
            district = await db.Districts.Select(d => d.Code).FirstAsync();
            streets = await db.Streets.Select(s => s.Code).ToListAsync();
        });

        var figures = byNode[district];
        Assert.Equal(totals.People, figures.People);
        Assert.Equal(totals.Places.Buildings, figures.Buildings);
        Assert.Equal(totals.Places.Rooms, figures.Rooms);
        Assert.Equal(totals.Places.Places, figures.Places);
        Assert.Equal(totals.Components.ByMajor, figures.ComponentsByMajor);
        Assert.Equal(totals.Hierarchy.GridWorkers, figures.GridWorkers);
        Assert.Equal(totals.Organizations.PartyByTier.OrderBy(p => p.Key), figures.PartyByTier.OrderBy(p => p.Key));
        Assert.Equal(totals.Organizations.ByKind.GetValueOrDefault(OrganizationKind.VolunteerTeam), figures.VolunteerTeams);
        Assert.True(figures.People.Total > 0 && figures.Buildings > 0);

        Assert.Equal(figures.People.Total, streets.Sum(s => byNode[s].People.Total));
        Assert.Equal(figures.Rooms, streets.Sum(s => byNode[s].Rooms));
        Assert.Equal(figures.Components, streets.Sum(s => byNode[s].Components));
    }

    [Fact]
    public async Task The_map_of_the_district_holds_every_grid_with_its_streets_as_children_inside_the_view_box()
    {
        var geometry = new WallMapGeometry(factory.Services.GetRequiredService<CommandCenter.Data.Hierarchy.HierarchyBoundaries>(), TimeProvider.System);
        string district = string.Empty;
        int grids = 0, streets = 0;
        await factory.WithDbAsync(async db =>
        {
            district = await db.Districts.Select(d => d.Code).FirstAsync();
            grids = await db.Grids.CountAsync();
            streets = await db.Streets.CountAsync();
        });

        var view = (await geometry.GetAsync(district))!;

        Assert.Equal(HierarchyLevel.District, view.Level);
        Assert.Equal(grids, view.Grids.Count);
        Assert.Equal(streets, view.Children.Count);
        Assert.All(view.Grids, g =>
        {
            Assert.StartsWith("M", g.Path, StringComparison.Ordinal);
            Assert.EndsWith("Z", g.Path, StringComparison.Ordinal);
            Assert.InRange(g.X, 0, view.Width);
            Assert.InRange(g.Y, 0, view.Height);
        });
        Assert.Same(view, await geometry.GetAsync(district));
        var street = view.Children[0].Code;
        Assert.Equal(street, view.ChildOf(view.Grids.First(g => g.Code.StartsWith(street, StringComparison.Ordinal)).Code));

        var streetView = (await geometry.GetAsync(street))!;
        Assert.Equal([district, street], streetView.Trail.Select(n => n.Code));
        Assert.All(streetView.Grids, g => Assert.StartsWith(street, g.Code, StringComparison.Ordinal));
        Assert.Null(await geometry.GetAsync("999999"));
    }
}
