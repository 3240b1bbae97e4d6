using Microsoft.Playwright;

namespace CommandCenter.BrowserTests;

/// <summary>A class fixture: the demo app (<see cref="AppServer"/>) and headless Chromium, with a sign-in that lands on a page.</summary>
public sealed class DemoSite : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    public AppServer App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.Start();
        (_playwright, Browser) = await CommandCenter.BrowserTests.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Opens <paramref name="path"/> in zh-CN, signs in on the login page it redirects to, and waits to be back; page errors go to <paramref name="errors"/>.</summary>
    public async Task<IPage> SignInAsync(string user, string path, int width, int height, List<string> errors)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            BaseURL = App.BaseAddress.ToString(),
        });
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(path);
        await page.FillAsync("#login-user", user);
        await page.FillAsync("#login-password", AppServer.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }
}
