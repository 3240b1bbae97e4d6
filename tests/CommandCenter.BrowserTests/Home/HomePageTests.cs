using System.Globalization;
using CommandCenter.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Home;

public sealed class HomePageTests : IAsyncLifetime
{
    private readonly AppServer _app = new();
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app.Start();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<IPage> SignInAsync(string user, List<string> consoleErrors)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "zh-CN",
            BaseURL = _app.BaseAddress.ToString(),
        });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);

        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#login-user", user);
        await page.FillAsync("#login-password", AppServer.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    private static async Task<long> TileValueAsync(IPage page, string label)
    {
        var tile = page.Locator(".cc-stat").Filter(new LocatorFilterOptions { Has = page.Locator(".cc-stat-label", new PageLocatorOptions { HasTextString = label }) }).First;
        var text = await tile.Locator(".cc-stat-value").InnerTextAsync();
        return long.Parse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_leader_signs_in_and_sees_the_districts_real_totals_in_Chinese()
    {
        var errors = new List<string>();
        var page = await SignInAsync("leader", errors);

        // The interactive circuit renders the totals from the database.
        await page.Locator(".cc-stat-label", new PageLocatorOptions { HasTextString = "实有人口" }).First.WaitForAsync(new() { Timeout = 30_000 });
        var residents = await _app.QueryAsync(db => db.Residents.CountAsync());
        var grids = await _app.QueryAsync(db => db.Grids.CountAsync());
        Assert.True(residents > 1000, $"the demo district should have residents, found {residents}");
        Assert.Equal(residents, await TileValueAsync(page, "实有人口"));
        Assert.Equal(grids, await TileValueAsync(page, "网格"));
        Assert.Equal("zh-CN", await page.EvaluateAsync<string>("document.documentElement.lang"));

        // Chinese text is drawn with a CJK font, not tofu boxes: the heading's width is that of real glyphs.
        var titleWidth = await page.EvaluateAsync<double>("document.querySelector('.cc-page-title').getBoundingClientRect().width");
        Assert.True(titleWidth > 40, $"heading width {titleWidth}");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("home-1920x1080.png"), FullPage = false });
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("admin", Roles.Admin)]
    [InlineData("duty", Roles.DutyOfficer)]
    [InlineData("analyst", Roles.Analyst)]
    [InlineData("wall", Roles.Wall)]
    public async Task Every_demo_role_signs_in(string user, string role)
    {
        var errors = new List<string>();
        var page = await SignInAsync(user, errors);
        await page.Locator(".cc-stat").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await _app.QueryAsync(db => db.UserRoles.AnyAsync(ur =>
            db.Users.Any(u => u.Id == ur.UserId && u.UserName == user) && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role))));
        Assert.Empty(errors);
    }
}
