using System.Xml.Linq;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.TestHost;

namespace CommandCenter.Web.Tests.Admin;

public sealed class AdminResourceTests
{
    [Fact]
    public void Every_permission_has_a_label()
    {
        // Same keys in English, placeholders and literal keys: Resources/ResourceCompletenessTests.
        var path = Path.Combine(RepositoryFolder.Root, "CommandCenter.Web", "Resources", "AdminResource.resx");
        var keys = XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

        Assert.All(ApiKeyPermissionNames.All, p => Assert.Contains($"Permission.{p.Name}", keys));
    }

    [Fact]
    public void New_keys_are_cc_and_32_random_bytes()
    {
        var key = ApiKeyHasher.NewKey();
        Assert.Matches("^cc_[A-Za-z0-9_-]{43}$", key);
        Assert.NotEqual(key, ApiKeyHasher.NewKey());
    }
}
