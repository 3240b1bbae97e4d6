using System.Net;
using System.Xml.Linq;
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

    [Fact]
    public void Chinese_and_English_resources_have_the_same_keys()
    {
        var folder = Path.Combine(FindRepositoryRoot(), "CommandCenter.Web", "Resources");
        static HashSet<string> Keys(string path) =>
            [.. XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

        var chinese = Keys(Path.Combine(folder, "SharedResource.resx"));
        var english = Keys(Path.Combine(folder, "SharedResource.en.resx"));

        Assert.Empty(chinese.Except(english));
        Assert.Empty(english.Except(chinese));
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CommandCenter.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("CommandCenter.sln not found above the test output.");
    }
}
