using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Live;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Components.Wall;

/// <summary>The wall's map and base numbers, and point-in-polygon placement, follow a reference-data notice at once.</summary>
public sealed class WallReferenceCacheTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_reference_data_notice_drops_the_cached_map_base_numbers_and_grid_shapes()
    {
        var map = factory.Services.GetRequiredService<WallMapGeometry>();
        var baseData = factory.Services.GetRequiredService<WallBaseData>();
        var locator = factory.Services.GetRequiredService<GridLocator>();
        Assert.Contains(await map.NodesAsync(), n => n.Code == ApiDistrict.Grid1Code);
        var before = await baseData.GetAsync(ApiDistrict.Grid1Code);
        var (lat, lon) = ApiDistrict.CentreOf(1);
        Assert.Equal(ApiDistrict.Grid1Code, (await locator.LocateAsync(lat, lon))?.Code);

        // An import renames grid 1 and moves its boundary off the centre, and adds a building there.
        await factory.WithDbAsync(async db =>
        {
            var grid = await db.Grids.SingleAsync(g => g.Code == ApiDistrict.Grid1Code);
            grid.Name = "新命名网格";
            grid.Boundary = """{"type":"Polygon","coordinates":[[[120,40],[120.01,40],[120.01,40.01],[120,40.01],[120,40]]]}""";
            db.Buildings.Add(new Data.Places.Building { GridId = grid.Id, Code = ApiDistrict.Grid1Code + "0999", Name = "新楼", Address = "新路 1 号", Floors = 6 });
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(await map.NodesAsync(), n => n.Name == "新命名网格");

        await factory.Services.GetRequiredService<ILiveFeed>().PublishAsync(ChangeNotice.ReferenceData(DateTime.UtcNow));

        Assert.Contains(await map.NodesAsync(), n => n.Code == ApiDistrict.Grid1Code && n.Name == "新命名网格");
        Assert.Equal(before.Buildings + 1, (await baseData.GetAsync(ApiDistrict.Grid1Code)).Buildings);
        Assert.Null(await locator.LocateAsync(lat, lon));
        Assert.Equal(ApiDistrict.Grid1Code, (await locator.LocateAsync(40.005, 120.005))?.Code);
    }
}
