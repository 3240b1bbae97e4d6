using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.Api;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>Integration: who may open the console pages over HTTP (cookie sign-in, the real pipeline).</summary>
public sealed class ConsoleAccessTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(Roles.DutyOfficer, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Analyst, false)]
    [InlineData(Roles.Leader, false)]
    [InlineData(Roles.Wall, false)]
    public async Task Only_duty_officers_and_admins_open_the_console(string role, bool allowed)
    {
        var userName = "access" + role.ToLowerInvariant();
        await factory.CreateUserAsync(userName, role);
        using var browser = await factory.SignedInBrowserAsync(userName);

        foreach (var path in new[] { "/console", "/console/incidents/1" })
        {
            var response = await browser.GetAsync(path);
            if (allowed)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("值班台", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            else
            {
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("access-denied", response.Headers.Location?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_the_login()
    {
        using var browser = factory.CreateBrowser();
        var response = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("login", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
