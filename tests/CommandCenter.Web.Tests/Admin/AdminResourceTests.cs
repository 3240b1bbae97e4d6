using System.Text.RegularExpressions;
using System.Xml.Linq;
using CommandCenter.Data.Identity;

namespace CommandCenter.Web.Tests.Admin;

public sealed partial class AdminResourceTests
{
    [Fact]
    public void Chinese_and_English_admin_resources_have_the_same_keys_and_a_label_for_every_permission()
    {
        var folder = Path.Combine(RepositoryRoot(), "CommandCenter.Web", "Resources");
        static Dictionary<string, string> Entries(string path) =>
            XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

        var chinese = Entries(Path.Combine(folder, "AdminResource.resx"));
        var english = Entries(Path.Combine(folder, "AdminResource.en.resx"));

        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.All(ApiKeyPermissionNames.All, p => Assert.Contains($"Permission.{p.Name}", chinese.Keys));
        // The same placeholders in both languages.
        Assert.All(chinese, e => Assert.Equal(Placeholders(e.Value), Placeholders(english[e.Key])));
    }

    [Fact]
    public void New_keys_are_cc_and_32_random_bytes()
    {
        var key = ApiKeyHasher.NewKey();
        Assert.Matches("^cc_[A-Za-z0-9_-]{43}$", key);
        Assert.NotEqual(key, ApiKeyHasher.NewKey());
    }

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CommandCenter.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("CommandCenter.sln not found above the test output.");
    }
}
