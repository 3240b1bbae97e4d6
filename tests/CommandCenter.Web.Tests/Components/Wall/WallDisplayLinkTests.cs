using System.Net;
using System.Net.Http.Json;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Components.Wall;

/// <summary>The wall PC's display link: made by an admin for a Wall account, opened once, revocable.</summary>
public sealed class WallDisplayLinkTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    private async Task<HttpClient> AdminAsync()
    {
        var name = $"admin-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(name, Roles.Admin);
        var client = factory.CreateBrowser();
        await CommandCenterFactory.PostLoginAsync(client, name, CommandCenterFactory.Password);
        return client;
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task A_link_signs_the_wall_in_once_and_then_is_gone()
    {
        var wallUser = $"wall-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(wallUser, Roles.Wall);
        var admin = await AdminAsync();

        var created = await admin.PostAsJsonAsync("/api/v1/wall/display-links", new { userName = wallUser, validForHours = 2, query = "measure=overdue&header=0" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = (await created.Content.ReadFromJsonAsync<WallDisplayLinks.CreatedLink>())!;
        Assert.Contains("/wall/link/", link.Url, StringComparison.Ordinal);

        var display = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await display.GetAsync("/wall")).StatusCode);
        var opened = await display.GetAsync(PathOf(link.Url));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/wall?measure=overdue&header=0", opened.Headers.Location!.OriginalString);
        var wall = await display.GetAsync("/wall");
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        Assert.Contains("wall-canvas", await wall.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Opened once: a second browser gets nothing.
        var again = await factory.CreateBrowser().GetAsync(PathOf(link.Url));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        await factory.WithDbAsync(async db =>
            Assert.True(await db.AuditEntries.AnyAsync(e => e.UserName == wallUser && e.Action == "wall.display-link.use")));
    }

    [Fact]
    public async Task A_revoked_link_no_longer_opens_and_a_tampered_one_never_does()
    {
        var wallUser = $"wall-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(wallUser, Roles.Wall);
        var admin = await AdminAsync();
        var link = (await (await admin.PostAsJsonAsync("/api/v1/wall/display-links", new { userName = wallUser })).Content
            .ReadFromJsonAsync<WallDisplayLinks.CreatedLink>())!;

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowser().GetAsync(PathOf(link.Url) + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/wall/display-links/{wallUser}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowser().GetAsync(PathOf(link.Url))).StatusCode);
        await factory.WithDbAsync(async db =>
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "wall.display-link.revoke" && e.EntityId != null)));
    }

    [Fact]
    public async Task Only_admins_make_links_and_only_for_wall_accounts()
    {
        var analyst = $"analyst-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(analyst, Roles.Analyst);
        var admin = await AdminAsync();

        var forAnalyst = await admin.PostAsJsonAsync("/api/v1/wall/display-links", new { userName = analyst });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forAnalyst.StatusCode);

        var client = factory.CreateBrowser();
        await CommandCenterFactory.PostLoginAsync(client, analyst, CommandCenterFactory.Password);
        var byAnalyst = await client.PostAsJsonAsync("/api/v1/wall/display-links", new { userName = "wall" });
        Assert.True(byAnalyst.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, byAnalyst.StatusCode.ToString());
    }
}
