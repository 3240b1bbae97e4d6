using Microsoft.Playwright;

namespace CommandCenter.BrowserTests;

/// <summary>A test class with its own demo app (<see cref="AppServer"/>) and headless Chromium, and pages signed in as a demo account.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected AppServer App { get; } = new();

    protected List<string> PageErrors { get; } = [];

    public async Task InitializeAsync()
    {
        App.Start();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A zh-CN page of the given size that opened <paramref name="path"/> and signed in as <paramref name="userName"/>.</summary>
    protected async Task<IPage> SignedInPageAsync(string path, string userName, int width, int height)
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN", BaseURL = App.BaseAddress.ToString(),
        });
        page.PageError += (_, error) => PageErrors.Add(error);
        // A Content-Security-Policy that blocks a script, style or connection is reported on the console, not as a page error.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                PageErrors.Add(message.Text);
            }
        };
        await page.GotoAsync(path);
        await page.FillAsync("#login-user", userName);
        await page.FillAsync("#login-password", AppServer.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains(path, StringComparison.Ordinal) && !url.Contains("login", StringComparison.Ordinal));
        return page;
    }
}
