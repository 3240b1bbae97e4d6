using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Wall;

/// <summary>The server stops and a new one starts on the same address and database: the wall heals without a click.</summary>
public sealed class WallRestartTests : IAsyncLifetime
{
    private readonly string _folder = AppServer.NewFolder();
    private readonly int _port = WallPages.FreePort();
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync() => (_playwright, _browser) = await Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>While the server is down the browser logs failed connections; those are expected here, nothing else.</summary>
    private static bool ExpectedWhileDown(string text) =>
        text.Contains("Failed to load resource", StringComparison.Ordinal) || text.Contains("WebSocket", StringComparison.Ordinal)
        || text.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal) || text.Contains("Connection disconnected", StringComparison.Ordinal)
        || text.Contains("Failed to fetch", StringComparison.Ordinal) || text.Contains("circuit", StringComparison.OrdinalIgnoreCase)
        || text.Contains("reconnect", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task After_a_server_restart_the_wall_reconnects_and_shows_new_data_by_itself()
    {
        var errors = new List<string>();
        IPage page;
        await using (var first = new AppServer(_folder, _port))
        {
            first.Start();
            page = await WallPages.OpenAsync(_browser, first.BaseAddress, "/wall", 1920, 1080, errors, ExpectedWhileDown);
            Assert.Equal("connected", await page.EvaluateAsync<string>("() => document.documentElement.dataset.wallConnection"));
        }

        // Down: the small indicator says so (never Blazor's dialog).
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.wallConnection !== 'connected'", null, new PageWaitForFunctionOptions { Timeout = 15000 });
        Assert.False(await page.Locator("#components-reconnect-modal").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("wall-server-down.png") });

        await using var second = new AppServer(_folder, _port);
        second.Start();
        var grid = await second.QueryAsync(db => db.Grids.OrderBy(g => g.Id).Select(g => g.Code).FirstAsync());
        await WallPages.WaitUntilDrawnAsync(page, 60000);
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.wallConnection === 'connected'", null, new PageWaitForFunctionOptions { Timeout = 60000 });

        var title = $"重启后上报 {Guid.NewGuid().ToString("N")[..6]}";
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        await WallPages.ReportAsync(client, title, grid);
        await page.Locator(".wall-marquee-item", new PageLocatorOptions { HasTextString = title }).First
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 5000 });
        await WallPages.WaitForKpisAsync(page, await WallPageTests.DatabaseKpisAsync(second));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("wall-after-restart.png") });
        Assert.Empty(errors);
        // Close the wall before the second server stops, so its shutdown does not wait on an open circuit.
        await page.CloseAsync();
    }
}
