using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Admin;

/// <summary>
/// The administration pages in a real browser at 1440×900: the users list with its create dialog (scope tree), and
/// the API keys page making a key (shown once) — screenshots of each.
/// </summary>
public sealed class AdminPagesTests : BrowserTest
{
    [Fact]
    public async Task An_admin_sees_the_users_and_makes_an_api_key()
    {
        var page = await SignedInPageAsync("/admin/users", "admin", 1440, 900);

        await page.Locator("tr[data-user=duty]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("值班员", await page.Locator("tr[data-user=duty]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("admin-users-1440x900.png") });

        // The list is prerendered: click until the circuit is live and the dialog opens.
        var userName = page.Locator(".cc-form-username input");
        for (var attempt = 0; attempt < 30 && !await userName.IsVisibleAsync(); attempt++)
        {
            await page.ClickAsync(".cc-user-new");
            await page.WaitForTimeoutAsync(1000);
        }
        await userName.FillAsync("hotline-operator");
        await page.Locator(".cc-scope-tree .mud-treeview-item-content").First.WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator(".cc-scope-tree .mud-treeview-item-content").Nth(1).ClickAsync();
        await page.Locator(".cc-scope-current", new() { HasTextString = "街道" }).WaitForAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("admin-users-create-1440x900.png") });
        await page.ClickAsync(".cc-form-cancel");

        await page.GotoAsync("/admin/api-keys");
        await page.Locator(".cc-key-channel input").WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator(".cc-page-title").WaitForAsync();
        await page.WaitForTimeoutAsync(3000); // the circuit of the new page
        await page.FillAsync(".cc-key-channel input", "hotline-12345");
        await page.Locator(".cc-key-channel input").BlurAsync();
        var key = page.Locator(".cc-key-value input");
        for (var attempt = 0; attempt < 10 && !await key.IsVisibleAsync(); attempt++)
        {
            await page.ClickAsync(".cc-key-create");
            await page.WaitForTimeoutAsync(1000);
        }
        await key.WaitForAsync(new() { Timeout = 15_000 });
        Assert.StartsWith("cc_", await key.InputValueAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("admin-api-keys-1440x900.png") });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("admin-api-keys-full.png"), FullPage = true });
        Assert.Empty(PageErrors);
    }
}
