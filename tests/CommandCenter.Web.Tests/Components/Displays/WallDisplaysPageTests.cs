using Bunit;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Components.Displays;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.Components.Console;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Components.Displays;

/// <summary>/admin/wall-displays on the real app: list the wall accounts, make a link (shown once), revoke it; audited.</summary>
public sealed class WallDisplaysPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_admin_makes_a_link_sees_it_once_and_revokes_it()
    {
        var wall = $"wall-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(wall, Roles.Wall);
        await using var console = new ConsoleTestContext(factory, "admin-d", "管理员甲", Roles.Admin);
        var page = console.Bunit.Render<WallDisplaysPage>();
        page.WaitForAssertion(() => Assert.Contains(page.Instance.Accounts!, a => a.UserName == wall && a.LinkExpiresAt is null));
        var row = page.Find($"tr[data-account='{wall}']");
        Assert.Contains("无", row.TextContent, StringComparison.Ordinal);

        await page.InvokeAsync(() => page.Find($"tr[data-account='{wall}'] .cc-display-create").Click());

        page.WaitForAssertion(() => Assert.Contains("只显示这一次", page.Markup, StringComparison.Ordinal));
        var url = page.Find(".cc-display-link-url input").GetAttribute("value")!;
        Assert.Contains(WallDisplayLinks.LinkPath + "/", url, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(page.Instance.Accounts!, a => a.UserName == wall).LinkExpiresAt);
        Assert.Contains("有效至", page.Find($"tr[data-account='{wall}']").TextContent, StringComparison.Ordinal);

        // The link works once: a browser opening it is signed in as the wall account.
        var opened = await factory.CreateBrowser().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, opened.StatusCode);

        await page.InvokeAsync(() => page.Find($"tr[data-account='{wall}'] .cc-display-revoke").Click());
        page.WaitForAssertion(() => Assert.Contains("已吊销", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("只显示这一次", page.Markup, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandCenter.Data.CommandCenterDbContext>();
        var userId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(wall))!.Id;
        var actions = await db.AuditEntries.Where(e => e.EntityId == userId).Select(e => e.Action).ToListAsync();
        Assert.Contains("wall.display-link.create", actions);
        Assert.Contains("wall.display-link.revoke", actions);
    }
}
