using System.Net;
using CommandCenter.Web.Tests.TestHost;

namespace CommandCenter.Web.Tests.Health;

public sealed class HealthzTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    [Fact]
    public async Task Healthz_is_anonymous_and_says_only_Healthy()
    {
        var response = await factory.CreateBrowser().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/app.css")]
    public async Task Static_assets_are_anonymous(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowser().GetAsync(path)).StatusCode);
    }
}
