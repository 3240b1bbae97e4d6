using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.TestHost;

namespace CommandCenter.Web.Tests.Hosting;

public sealed class HangfireDashboardTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    [Fact]
    public async Task Anonymous_gets_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowser().GetAsync("/hangfire")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.DutyOfficer)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Wall)]
    public async Task Other_roles_get_403(string role)
    {
        await factory.CreateUserAsync($"hf-{role}", role);
        var client = await factory.SignedInBrowserAsync($"hf-{role}");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Admin_gets_the_dashboard_with_the_audit_job()
    {
        await factory.CreateUserAsync("hf-admin", Roles.Admin);
        var client = await factory.SignedInBrowserAsync("hf-admin");

        var response = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("audit-chain-verification", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Navigation_shows_the_dashboard_link_to_admins_only()
    {
        await factory.CreateUserAsync("nav-admin", Roles.Admin);
        await factory.CreateUserAsync("nav-duty", Roles.DutyOfficer);

        var adminHome = await (await factory.SignedInBrowserAsync("nav-admin")).GetStringAsync("/");
        var dutyHome = await (await factory.SignedInBrowserAsync("nav-duty")).GetStringAsync("/");

        Assert.Contains("href=\"hangfire\"", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"hangfire\"", dutyHome, StringComparison.Ordinal);
    }
}
