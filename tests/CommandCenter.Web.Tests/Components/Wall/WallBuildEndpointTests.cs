using System.Net;
using System.Net.Http.Json;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Tests.TestHost;

namespace CommandCenter.Web.Tests.Components.Wall;

/// <summary>GET /wall/build: what an open wall compares after a reconnect and every minute to notice a deploy.</summary>
public sealed class WallBuildEndpointTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    [Fact]
    public async Task The_running_build_is_served_anonymously_and_never_cached()
    {
        var response = await factory.CreateBrowser().GetAsync("/wall/build");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.Content.ReadFromJsonAsync<WallBuildInfo>();
        Assert.Equal(WallBuild.Id, body!.Build);
        Assert.Equal(32, WallBuild.Id.Length);
    }

    [Fact]
    public async Task The_wall_page_needs_a_wall_leader_or_admin_account()
    {
        var anonymous = await factory.CreateBrowser().GetAsync("/wall");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", new Uri(new Uri("http://localhost"), anonymous.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }
}
