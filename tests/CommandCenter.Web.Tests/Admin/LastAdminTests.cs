using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.Api;
using static CommandCenter.Web.Tests.Admin.AdminCalls;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>The last active administrator can be neither disabled nor demoted (its own app: it needs to know every admin).</summary>
public sealed class LastAdminTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task The_last_active_admin_cannot_be_disabled_or_demoted()
    {
        var root = AdminApiFactory.RootAdmin;
        var disable = await ApiCalls.AssertProblemAsync(await ActAsync(factory.Admin, root, "disable"), HttpStatusCode.Conflict);
        Assert.Contains("last active administrator", disable["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var demote = await ApiCalls.AssertProblemAsync(await PutAsync(factory.Admin, root, new { roles = new[] { Roles.Leader } }), HttpStatusCode.Conflict);
        Assert.Contains("last active administrator", demote["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var id = await factory.UserIdAsync(root);
        Assert.Empty(await factory.AuditAsync("user.disable", id));
        Assert.Empty(await factory.AuditAsync("user.update", id));

        // A second admin who is disabled does not count; once enabled, either may go.
        await CreatedUserAsync(factory.Admin, "second-admin", Roles.Admin);
        await ApiCalls.AssertStatusAsync(await ActAsync(factory.Admin, "second-admin", "disable"), HttpStatusCode.OK);
        await ApiCalls.AssertProblemAsync(await ActAsync(factory.Admin, root, "disable"), HttpStatusCode.Conflict);
        await ApiCalls.AssertStatusAsync(await ActAsync(factory.Admin, "second-admin", "enable"), HttpStatusCode.OK);

        var demoted = await ApiCalls.AssertStatusAsync(await PutAsync(factory.Admin, "second-admin", new { roles = new[] { Roles.Leader } }), HttpStatusCode.OK);
        Assert.Equal([Roles.Leader], Strings(demoted["roles"]));
        await ApiCalls.AssertProblemAsync(await PutAsync(factory.Admin, root, new { roles = new[] { Roles.Analyst } }), HttpStatusCode.Conflict);
    }
}
