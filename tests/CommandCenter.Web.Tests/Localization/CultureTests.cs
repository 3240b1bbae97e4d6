using System.Net;
using CommandCenter.Web.Tests.TestHost;

namespace CommandCenter.Web.Tests.Localization;

public sealed class CultureTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    [Fact]
    public async Task Switching_to_English_changes_the_text_and_back()
    {
        var client = factory.CreateBrowser();

        var set = await client.GetAsync("/culture/set?culture=en&redirectUri=%2Faccount%2Flogin");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login", set.Headers.Location!.OriginalString);
        var english = await client.GetStringAsync("/account/login");
        Assert.Contains("<html lang=\"en\"", english, StringComparison.Ordinal);
        Assert.Contains("Grid Governance Command Center", english, StringComparison.Ordinal);
        Assert.Contains("User name", english, StringComparison.Ordinal);

        await client.GetAsync("/culture/set?culture=zh-CN&redirectUri=%2F");
        Assert.Contains("用户名", await client.GetStringAsync("/account/login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_culture_and_foreign_redirect_are_ignored()
    {
        var client = factory.CreateBrowser();

        var response = await client.GetAsync("/culture/set?culture=fr&redirectUri=https%3A%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains("用户名", await client.GetStringAsync("/account/login"), StringComparison.Ordinal);
    }
}
