using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Registry;

/// <summary>/registry in a real browser on the demo district: the totals, masked residents, a drill to a street.</summary>
public sealed class RegistryPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    [Fact]
    public async Task An_admin_browses_the_registry_with_masked_residents()
    {
        var errors = new List<string>();
        var page = await site.SignInAsync("admin", "/registry", 1440, 900, errors);
        Assert.Contains("/registry", page.Url, StringComparison.Ordinal);

        var rows = page.Locator("[data-table=residents] tbody tr");
        await rows.First.WaitForAsync(new() { Timeout = 30_000 });
        var residents = await site.App.QueryAsync(db => db.Residents.CountAsync());
        var shown = await page.Locator("[data-count=Residents] .cc-stat-value").InnerTextAsync();
        Assert.Equal(residents, long.Parse(shown.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture));
        Assert.Equal(20, await rows.CountAsync());
        var first = await site.App.QueryAsync(db => db.Residents.OrderBy(r => r.GridId).ThenBy(r => r.HouseholdId).Select(r => new { r.IdNumber, r.Phone }).FirstAsync());
        var html = await page.ContentAsync();
        Assert.DoesNotContain(first.IdNumber, html, StringComparison.Ordinal);
        Assert.Contains("********", html, StringComparison.Ordinal);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("registry-1440x900.png") });

        // The tab strip may still settle after the first render: click until the key-group table shows.
        var grids = page.Locator("[data-table=keygroup-grids] tbody tr").First;
        for (var attempt = 0; attempt < 5 && !await grids.IsVisibleAsync(); attempt++)
        {
            await page.Locator(".mud-tab", new PageLocatorOptions { HasTextString = "重点人群" }).ClickAsync();
            await page.WaitForTimeoutAsync(1000);
        }
        await grids.WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("[data-table=keygroup-elderly] tbody tr").First.WaitForAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("registry-keygroups-1440x900.png") });

        await page.Locator("[data-testid=children] a").First.ClickAsync();
        await page.Locator("h1", new PageLocatorOptions { HasTextString = "街道" }).Or(page.Locator("h1", new PageLocatorOptions { HasTextString = "镇" }))
            .First.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Empty(errors);
    }
}
