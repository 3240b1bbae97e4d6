using System.Net;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Authentication;

public sealed class SignInTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    [Fact]
    public async Task Anonymous_page_redirects_to_the_login_page()
    {
        var response = await factory.CreateBrowser().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/incidents")]
    [InlineData("/hubs/live")]
    [InlineData("/hangfire")]
    public async Task Anonymous_program_path_gets_401_not_a_redirect(string path)
    {
        var response = await factory.CreateBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_page_is_Chinese_with_an_antiforgery_token()
    {
        var html = await factory.CreateBrowser().GetStringAsync("/account/login");

        Assert.Contains("<html lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("网格化指挥中心", html, StringComparison.Ordinal);
        Assert.Contains("用户名", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correct_password_signs_in_and_is_audited()
    {
        await factory.CreateUserAsync("signin-ok", Roles.Analyst);
        var client = factory.CreateBrowser();

        var response = await CommandCenterFactory.PostLoginAsync(client, "signin-ok", CommandCenterFactory.Password, returnUrl: "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsoluteUri);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("测试signin-ok", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
            Assert.True(await db.AuditEntries.AnyAsync(e => e.UserName == "signin-ok" && e.Action == AuditActions.SignIn)));
    }

    [Fact]
    public async Task Wrong_password_shows_a_Chinese_error_and_is_audited()
    {
        await factory.CreateUserAsync("signin-bad", Roles.Analyst);

        var response = await CommandCenterFactory.PostLoginAsync(factory.CreateBrowser(), "signin-bad", "Wrong#password1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
            Assert.True(await db.AuditEntries.AnyAsync(e => e.UserName == "signin-bad" && e.Action == AuditActions.SignInFailed)));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        await factory.CreateUserAsync("signin-lock", Roles.DutyOfficer);
        var client = factory.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await CommandCenterFactory.PostLoginAsync(client, "signin-lock", "Wrong#password1");
        }

        var response = await CommandCenterFactory.PostLoginAsync(client, "signin-lock", CommandCenterFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账户已锁定", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "signin-lock");
            Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(29));
        });
    }

    [Fact]
    public async Task Disabled_account_cannot_sign_in()
    {
        await factory.CreateUserAsync("signin-disabled", Roles.Leader, disabled: true);

        var response = await CommandCenterFactory.PostLoginAsync(factory.CreateBrowser(), "signin-disabled", CommandCenterFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账户已停用", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.DutyOfficer)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Wall)]
    public async Task Each_role_can_sign_in_and_see_the_home_page(string role)
    {
        await factory.CreateUserAsync($"role-{role}", role);
        var client = await factory.SignedInBrowserAsync($"role-{role}");

        var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task External_return_url_is_ignored()
    {
        await factory.CreateUserAsync("signin-open-redirect", Roles.Analyst);

        var response = await CommandCenterFactory.PostLoginAsync(
            factory.CreateBrowser(), "signin-open-redirect", CommandCenterFactory.Password, returnUrl: "//evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsoluteUri);
    }

    [Fact]
    public async Task Logout_signs_out_and_is_audited()
    {
        await factory.CreateUserAsync("signin-logout", Roles.Analyst);
        var client = await factory.SignedInBrowserAsync("signin-logout");
        var home = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["ReturnUrl"] = "",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        await factory.WithDbAsync(async db =>
            Assert.True(await db.AuditEntries.AnyAsync(e => e.UserName == "signin-logout" && e.Action == AuditActions.SignOut)));
    }
}
