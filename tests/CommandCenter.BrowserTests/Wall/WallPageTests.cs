using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Wall;

/// <summary>The data wall in Chromium against the real app: sizes, KPIs against the database, live updates, kiosk parameters.</summary>
public sealed class WallPageTests : IAsyncLifetime
{
    public const string DemoApiKey = "cc_demo_0123456789abcdef";

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

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    [InlineData(1366, 768)]
    public async Task The_wall_fills_the_screen_without_scrollbars_and_its_kpis_equal_the_database(int width, int height)
    {
        var errors = new List<string>();
        var page = await WallPages.OpenAsync(_browser, _app.BaseAddress, "/wall", width, height, errors);

        // The canvas is scaled to fit: its drawn box lies inside the window, and nothing scrolls.
        var box = (await page.Locator(".wall-canvas").BoundingBoxAsync())!;
        Assert.True(box.X >= -1 && box.Y >= -1 && box.X + box.Width <= width + 1 && box.Y + box.Height <= height + 1, $"canvas {box.X},{box.Y} {box.Width}x{box.Height}");
        Assert.True(Math.Abs(box.Width - width) < 2 || Math.Abs(box.Height - height) < 2, "The canvas touches two edges of the window.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth && document.documentElement.scrollHeight <= innerHeight"));
        Assert.True(await page.Locator(".apexcharts-canvas").CountAsync() >= 5);
        Assert.Equal(await _app.QueryAsync(db => db.Grids.CountAsync()), await page.Locator(".wall-map-grids path").CountAsync());

        var expected = await DatabaseKpisAsync(_app);
        await WallPages.WaitForKpisAsync(page, expected);
        Assert.Equal("王益区", (await page.Locator(".wall-title h1").InnerTextAsync()).Trim());

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"wall-{width}x{height}.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_newly_ingested_incident_appears_within_two_seconds()
    {
        var errors = new List<string>();
        var page = await WallPages.OpenAsync(_browser, _app.BaseAddress, "/wall", 1920, 1080, errors);
        var before = await WallPages.KpiAsync(page, "received");
        var title = $"井盖缺失 {Guid.NewGuid().ToString("N")[..6]}";

        var grid = await _app.QueryAsync(db => db.Grids.OrderBy(g => g.Id).Select(g => g.Code).FirstAsync());
        using var client = new HttpClient { BaseAddress = _app.BaseAddress };
        var stopwatch = await WallPages.ReportAsync(client, title, grid);

        await page.Locator(".wall-marquee-item", new PageLocatorOptions { HasTextString = title }).First
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 2000 });
        var appeared = stopwatch.ElapsedMilliseconds;
        Assert.Equal((before + 1).ToString(CultureInfo.InvariantCulture), await page.Locator("[data-kpi=received]").GetAttributeAsync("data-value"));
        Assert.True(appeared < 2000, $"{appeared} ms");
        Assert.True(await page.Locator($"path[data-grid='{grid}']").CountAsync() == 1);
        Assert.Equal(1, await page.Locator("circle.wall-pulse").CountAsync());

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("wall-new-incident.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Kiosk_parameters_pin_a_node_pick_the_measure_hide_the_header_and_rotate_a_playlist()
    {
        var errors = new List<string>();
        var street = await _app.QueryAsync(db => db.Streets.OrderBy(s => s.Code).Select(s => new { s.Code, s.Name }).FirstAsync());

        var page = await WallPages.OpenAsync(_browser, _app.BaseAddress, $"/wall?node={street.Code}&measure=overdue&header=0", 1920, 1080, errors);
        Assert.Equal(0, await page.Locator(".wall-header").CountAsync());
        Assert.Equal(street.Code, await page.Locator(".wall-map").GetAttributeAsync("data-node"));
        Assert.Equal("overdue", await page.Locator(".wall-map").GetAttributeAsync("data-measure"));
        Assert.Equal(street.Name, (await page.Locator(".wall-trail-current").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("wall-street-overdue-no-header.png") });

        // A click on a grid drills into its community; the trail goes back.
        await page.Locator(".wall-map-grids path.wall-map-clickable").First.ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('.wall-map').dataset.node.length === 12");
        await page.Locator($".wall-trail-link[data-code='{street.Code}']").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('.wall-map').dataset.node === '{street.Code}'");

        var district = await _app.QueryAsync(db => db.Districts.Select(d => d.Code).FirstAsync());
        var playlist = await WallPages.OpenAsync(_browser, _app.BaseAddress, "/wall?playlist=1&interval=5", 1920, 1080, errors);
        Assert.Equal(district, await playlist.Locator(".wall-map").GetAttributeAsync("data-node"));
        await playlist.WaitForFunctionAsync($"() => document.querySelector('.wall-map').dataset.node === '{street.Code}'", null,
            new PageWaitForFunctionOptions { Timeout = 15000 });
        Assert.Empty(errors);
    }

    /// <summary>Today's KPIs straight from the database (China-local day).</summary>
    public static async Task<Dictionary<string, long>> DatabaseKpisAsync(AppServer app)
    {
        var (start, end) = ChinaDay.Bounds(ChinaDay.Of(DateTime.UtcNow));
        return new Dictionary<string, long>
        {
            ["received"] = await app.QueryAsync(db => db.Incidents.LongCountAsync(i => i.ReportedAt >= start && i.ReportedAt < end)),
            ["closed"] = await app.QueryAsync(db => db.Incidents.LongCountAsync(i => i.ClosedAt >= start && i.ClosedAt < end)),
            ["overdue"] = await app.QueryAsync(db => db.Incidents.LongCountAsync(i => i.ResolveBreached
                && i.Stage != IncidentStage.Closed && i.Stage != IncidentStage.Evaluated && i.Stage != IncidentStage.Rejected)),
            ["open-sos"] = await app.QueryAsync(db => db.SosAlerts.LongCountAsync(a => a.Status == SosStatus.Raised)),
            ["patrols"] = await app.QueryAsync(db => db.Patrols.LongCountAsync(p => p.EndedAt == null)),
        };
    }
}

/// <summary>Opening the wall as the demo Wall account, and reading it.</summary>
public static class WallPages
{
    public static async Task<IPage> OpenAsync(IBrowser browser, Uri baseAddress, string path, int width, int height, List<string> errors,
        Func<string, bool>? ignore = null)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            BaseURL = baseAddress.ToString(),
        });
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && ignore?.Invoke(message.Text) != true)
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#login-user", "wall");
        await page.FillAsync("#login-password", AppServer.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync(path);
        await WaitUntilDrawnAsync(page);
        return page;
    }

    /// <summary>Every chart element holds a drawn ApexCharts chart (at least five: some panels show "none today" instead).</summary>
    public const string AllChartsDrawn =
        "() => { const charts = [...document.querySelectorAll('.cc-chart')]; return charts.length >= 5 && charts.every(c => c.querySelector('.apexcharts-canvas svg')); }";

    /// <summary>Drawn: the circuit started the wall's module, the live numbers are loaded and the charts rendered.</summary>
    public static async Task WaitUntilDrawnAsync(IPage page, float timeout = 20000)
    {
        await page.WaitForSelectorAsync("html[data-wall-ready=true] .wall-canvas[data-loaded=true]", new PageWaitForSelectorOptions { Timeout = timeout, State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync(AllChartsDrawn, null, new PageWaitForFunctionOptions { Timeout = timeout });
    }

    public static async Task<long> KpiAsync(IPage page, string name) =>
        long.Parse((await page.Locator($"[data-kpi={name}]").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

    /// <summary>Waits (up to 15 s: a load racing the demo seeding heals at the next re-sync) until every KPI equals the database's.</summary>
    public static async Task WaitForKpisAsync(IPage page, IReadOnlyDictionary<string, long> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var actual = new Dictionary<string, long>();
            foreach (var name in expected.Keys)
            {
                actual[name] = await KpiAsync(page, name);
            }
            if (expected.All(p => actual[p.Key] == p.Value))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"KPIs {string.Join(", ", actual)} != database {string.Join(", ", expected)}");
            await Task.Delay(250);
        }
    }

    /// <summary>Reports an incident through the JSON API; the stopwatch starts when the 2xx (committed) arrives.</summary>
    public static async Task<Stopwatch> ReportAsync(HttpClient client, string title, string gridCode)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/incidents")
        {
            Content = JsonContent.Create(new { title, categoryCode = "C0101", gridCode, source = "gridWorker" }),
        };
        request.Headers.Add("X-Api-Key", WallPageTests.DemoApiKey);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(request);
        var stopwatch = Stopwatch.StartNew();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return stopwatch;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
