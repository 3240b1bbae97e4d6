using CommandCenter.Data.Imports;
using CommandCenter.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Admin;

/// <summary>
/// The path of a real district, in a real browser on a fresh installation without demo data: <c>create-admin</c>, sign in,
/// import <c>samples/</c> (boundaries, then the registries) through /admin/imports, and the wall at 1920×1080 shows the
/// sample district's map and totals.
/// </summary>
public sealed class RealDistrictTests : IAsyncLifetime
{
    private const string Admin = "chief";
    private const string Password = "Quhua#2026district";
    private readonly AppServer _app = new(demo: false);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static readonly (string Kind, string Label, string File, int Rows)[] Files =
    [
        ("hierarchy", "辖区边界", "hierarchy.geojson", 27),
        ("buildings", "楼栋", "buildings.csv", 60),
        ("rooms", "房屋", "rooms.csv", 184),
        ("residents", "居民", "residents.xlsx", 449),
        ("places", "场所", "places.csv", 20),
        ("components", "城市部件", "components.csv", 80),
        ("organizations", "组织", "organizations.csv", 30),
        ("staff", "网格员及工作人员", "staff.csv", 28),
    ];

    public async Task InitializeAsync()
    {
        _app.Start();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_fresh_installation_imports_the_samples_through_the_pages_and_the_wall_shows_them()
    {
        Assert.Equal(0, await _app.QueryAsync(db => db.Grids.CountAsync()));
        using var output = new StringWriter();
        var created = await CommandLineVerbs.RunAsync(_app.Services, ["create-admin", "--user", Admin, "--password", Password, "--name", "区指挥中心管理员"], output, output);
        Assert.True(created == CommandLineVerbs.Ok, output.ToString());

        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN", BaseURL = _app.BaseAddress.ToString(),
        });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/admin/imports");
        await page.FillAsync("#login-user", Admin);
        await page.FillAsync("#login-password", Password);
        await page.ClickAsync("button[type=submit]");
        // Outside demo mode an administrator enrols a second factor at the first sign-in (Security:RequireTwoFactorFor = Admin).
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor", StringComparison.Ordinal));
        var sharedKey = await page.Locator("[data-testid=shared-key]").InnerTextAsync();
        await page.FillAsync("#enable-code", CommandCenter.Web.Tests.Authentication.Totp.Code(sharedKey, DateTimeOffset.UtcNow));
        await page.ClickAsync("button[type=submit]");
        await page.Locator("[data-testid=recovery-codes] li").First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(10, await page.Locator("[data-testid=recovery-codes] li").CountAsync());
        await page.ClickAsync("a:has-text('继续')");
        await page.WaitForURLAsync(url => url.Contains("/admin/imports", StringComparison.Ordinal) && !url.Contains("login", StringComparison.Ordinal));
        await page.Locator(".cc-import-kind").WaitForAsync(new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(2000); // the circuit of the page

        var samples = Path.Combine(RepositoryRoot(), "samples");
        foreach (var (kind, label, file, rows) in Files)
        {
            await page.ClickAsync(".cc-import-kind");
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = label }).First.ClickAsync();
            await page.Locator(".cc-import-kind", new() { HasTextString = label }).WaitForAsync(new() { Timeout = 10_000 });
            await page.SetInputFilesAsync("input.cc-import-file-input", Path.Combine(samples, file));
            await page.Locator(".cc-import-chosen", new() { HasTextString = file }).WaitForAsync(new() { Timeout = 10_000 });
            var before = await _app.QueryAsync(db => db.ImportRuns.CountAsync());
            await page.ClickAsync(".cc-import-apply");

            var run = await WaitForRunAsync(before + 1);
            Assert.True(run.Status == ImportStatus.Succeeded, $"{kind}: {run.Status} {run.Message}");
            Assert.Equal((ImportTemplates.KindsByName[kind], rows, 0), (run.Kind, run.TotalRows, run.Rejected));
            try
            {
                await page.Locator(".cc-import-run", new() { HasTextString = $"#{run.Id}：" }).Locator(".cc-import-status", new() { HasTextString = "已完成" })
                    .WaitForAsync(new() { Timeout = 30_000 });
            }
            catch (TimeoutException)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"real-district-stuck-{kind}.png") });
                throw;
            }
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("real-district-imports-1440x900.png") });

        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync("/wall");
        await page.Locator(".wall-title h1", new() { HasTextString = "示范区" }).WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator("[data-panel=people]", new() { HasTextString = "449" }).WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator(".wall-map[data-node='610104'] path[data-grid]").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(20, await page.Locator(".wall-map[data-node='610104'] path[data-grid^='610104']").CountAsync());
        await page.WaitForTimeoutAsync(2000);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("real-district-wall-1920x1080.png") });
        Assert.Empty(errors);
    }

    private async Task<ImportRun> WaitForRunAsync(int number)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var run = await _app.QueryAsync(db => db.ImportRuns.OrderBy(r => r.Id).Skip(number - 1).FirstOrDefaultAsync());
            if (run is { Status: ImportStatus.Succeeded or ImportStatus.Failed })
            {
                return run;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"Import run {number} did not end within a minute.");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CommandCenter.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("CommandCenter.sln not found above the test's folder.");
    }
}
