using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Console;

/// <summary>
/// One incident from report (the JSON API with the demo key) to close and rating, through the duty officer's console
/// in a real browser: queue → detail → file (keyboard) → dispatch → accept (keyboard) → handled → close → call-back → rating.
/// </summary>
public sealed class ConsoleWalkthroughTests : IAsyncLifetime
{
    private const string DemoKey = "cc_demo_0123456789abcdef";
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

    [Fact]
    public async Task A_duty_officer_walks_a_reported_incident_to_close_and_rating()
    {
        // Report through the JSON API, as a grid worker's terminal would.
        var gridCode = await _app.QueryAsync(db => db.Grids.OrderBy(g => g.Id).Select(g => g.Code).FirstAsync());
        using var api = new HttpClient { BaseAddress = _app.BaseAddress };
        api.DefaultRequestHeaders.Add("X-Api-Key", DemoKey);
        api.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var created = await api.PostAsJsonAsync("/api/v1/incidents", new
        {
            title = "浏览器测试：井盖缺失", description = "人行道井盖缺失，已设置临时围挡。", categoryCode = "C0101", gridCode, source = "gridWorker",
            reporterName = "王秀英", reporterPhone = "13912345678",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        // A second open incident, so the queue is not empty once the first is closed (the small test district may have none left).
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents")
        {
            Content = JsonContent.Create(new { title = "浏览器测试：暴露垃圾", description = "路边垃圾堆放。", categoryCode = "E0102", gridCode, source = "gridWorker" }),
        };
        other.Headers.Remove("Idempotency-Key");
        other.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        Assert.Equal(System.Net.HttpStatusCode.Created, (await api.SendAsync(other)).StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        var number = body.GetProperty("number").GetString()!;

        var errors = new List<string>();
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 }, Locale = "zh-CN", BaseURL = _app.BaseAddress.ToString(),
        });
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/console");
        await page.FillAsync("#login-user", "duty");
        await page.FillAsync("#login-password", AppServer.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/console", StringComparison.Ordinal) && !url.Contains("login", StringComparison.Ordinal));

        // The queue lists it; search by number and open it.
        var search = page.Locator(".cc-queue-search input");
        await search.WaitForAsync(new() { Timeout = 30_000 });
        await search.FillAsync(number);
        var row = page.Locator(".cc-queue tbody tr", new() { HasTextString = number });
        await row.WaitForAsync(new() { Timeout = 15_000 });
        await row.ClickAsync();
        await page.Locator(".cc-reporter", new() { HasTextString = "王**" }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.EndsWith($"/console/incidents/{id}", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("王秀英", await page.ContentAsync(), StringComparison.Ordinal);

        async Task StageAsync(string stage) => await page.Locator($".cc-page-header [data-stage={stage}]").WaitForAsync(new() { Timeout = 15_000 });
        async Task ActionAsync(string action) => await page.ClickAsync($".cc-actions button[data-action={action}]");
        async Task ConfirmAsync() => await page.ClickAsync(".cc-action-confirm");

        await page.Locator(".cc-page-header[data-shortcuts=on]").WaitForAsync(); // the keyboard listener is attached
        await page.Keyboard.PressAsync("f"); // 立案
        await StageAsync("Filed");
        await ActionAsync("Dispatch");
        await ConfirmAsync(); // the grid tier, the nearest unit serving the grid
        await StageAsync("Dispatched");
        await page.Keyboard.PressAsync("a"); // 受理
        await StageAsync("Handling");
        await ActionAsync("Feedback");
        await page.FillAsync(".cc-field-note textarea", "井盖已更换");
        await ConfirmAsync();
        await StageAsync("Feedback");
        await ActionAsync("Close");
        await ConfirmAsync();
        await StageAsync("Closed");
        await ActionAsync("CallBack");
        await page.FillAsync(".cc-field-note textarea", "群众表示满意");
        await ConfirmAsync();
        await page.Locator(".cc-timeline-entry[data-action=CallBack]").WaitForAsync();
        await ActionAsync("Rate");
        await page.ClickAsync(".cc-field-rating");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "非常满意" }).First.ClickAsync();
        await ConfirmAsync();
        await StageAsync("Evaluated");

        await page.Locator(".cc-timeline-entry[data-action=Rate]").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("console-incident-evaluated.png"), FullPage = true });

        var incident = await _app.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal(IncidentStage.Evaluated, incident.Stage);
        Assert.NotNull(incident.HandlingUnitId);
        var actions = await _app.QueryAsync(db => db.IncidentHistory.Where(h => h.IncidentId == id).OrderBy(h => h.Version).Select(h => h.Action).ToListAsync());
        Assert.Equal([IncidentAction.Report, IncidentAction.File, IncidentAction.Dispatch, IncidentAction.Accept, IncidentAction.Feedback,
            IncidentAction.Close, IncidentAction.CallBack, IncidentAction.Rate], actions);
        Assert.Equal(Data.Ratings.RatingLevel.VerySatisfied, await _app.QueryAsync(db => db.Ratings.Where(r => r.IncidentId == id).Select(r => r.Level).SingleAsync()));
        Assert.Equal(7, await _app.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Incident" && e.EntityId == id.ToString() && e.UserName != null && !e.Action.EndsWith(".rejected"))));

        // Back on the queue, the closed incident is gone; the queue page gets its own screenshot.
        await page.Keyboard.PressAsync("q");
        await page.Locator(".cc-queue tbody tr.mud-table-row").First.WaitForAsync(new() { Timeout = 15_000 });
        Assert.EndsWith("/console", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".cc-queue tbody tr", new() { HasTextString = number }).CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("console-queue.png") });
        Assert.Empty(errors);
    }
}
