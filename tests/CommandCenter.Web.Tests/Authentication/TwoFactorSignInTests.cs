using System.Net;
using System.Text.RegularExpressions;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Authentication;

/// <summary>The app with Security:RequireTwoFactorFor = Admin (its default outside demo mode).</summary>
public sealed class TwoFactorFactory : CommandCenterFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Security:RequireTwoFactorFor"] = Roles.Admin,
    };
}

/// <summary>TOTP enrolment, the code step of the sign-in form, recovery codes and forced enrolment, over the whole app.</summary>
public sealed partial class TwoFactorSignInTests(TwoFactorFactory factory) : IClassFixture<TwoFactorFactory>
{
    [Fact]
    public async Task Enrolment_shows_key_and_QR_code_and_a_computed_code_turns_it_on_with_ten_recovery_codes_shown_once()
    {
        await factory.CreateUserAsync("tfa-enrol", Roles.Analyst);
        var client = await factory.SignedInBrowserAsync("tfa-enrol");

        var page = await client.GetStringAsync("/account/two-factor");
        Assert.Contains("双因素登录", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        var key = SharedKey().Match(page).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Equal(await StoredKeyAsync("tfa-enrol"), key, ignoreCase: true);

        var wrong = await PostFormAsync(client, "/account/two-factor", "two-factor-enable", new() { ["Enable.Code"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.Contains("动态码错误", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await PostFormAsync(client, "/account/two-factor", "two-factor-enable", new() { ["Enable.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, RecoveryCode().Count(html));
        await factory.WithDbAsync(async db =>
        {
            Assert.True((await db.Users.SingleAsync(u => u.UserName == "tfa-enrol")).TwoFactorEnabled);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.UserName == "tfa-enrol" && e.Action == TwoFactorAuditActions.Enabled));
        });
        // The session survives the new security stamp, and the codes are not shown again.
        var again = await client.GetStringAsync("/account/two-factor");
        Assert.DoesNotContain("data-testid=\"recovery-codes\"", again, StringComparison.Ordinal);
        Assert.Contains("剩余恢复码 10 个", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_asks_for_the_code_after_the_password_and_accepts_a_computed_one()
    {
        var key = await EnrolledUserAsync("tfa-login", Roles.Leader);
        var client = factory.CreateBrowser();

        var step = await CommandCenterFactory.PostLoginAsync(client, "tfa-login", CommandCenterFactory.Password, returnUrl: "/");

        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Contains("data-testid=\"login-2fa\"", await step.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var response = await PostFormAsync(client, "/account/login?ReturnUrl=%2F", "login-2fa", new() { ["Code.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await factory.WithDbAsync(async db =>
            Assert.True(await db.AuditEntries.AnyAsync(e => e.UserName == "tfa-login" && e.Action == AuditActions.SignIn && e.Detail == "2fa")));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_audited_and_counts_toward_lockout()
    {
        var key = await EnrolledUserAsync("tfa-wrong", Roles.Analyst);
        var client = factory.CreateBrowser();
        await CommandCenterFactory.PostLoginAsync(client, "tfa-wrong", CommandCenterFactory.Password);
        var right = Totp.Code(key, DateTimeOffset.UtcNow);

        var response = await PostFormAsync(client, "/account/login", "login-2fa", new() { ["Code.Code"] = right == "123456" ? "654321" : "123456" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("验证码错误", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(1, (await db.Users.SingleAsync(u => u.UserName == "tfa-wrong")).AccessFailedCount);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.UserName == "tfa-wrong" && e.Action == TwoFactorAuditActions.SignInFailed && e.Detail == "bad-code"));
        });
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_only()
    {
        await EnrolledUserAsync("tfa-recovery", Roles.Analyst);
        string code;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByNameAsync("tfa-recovery"))!, 10))!.First();
        }

        var first = factory.CreateBrowser();
        await CommandCenterFactory.PostLoginAsync(first, "tfa-recovery", CommandCenterFactory.Password);
        var used = await PostFormAsync(first, "/account/login", "login-2fa", new() { ["Code.Code"] = code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/")).StatusCode);

        var second = factory.CreateBrowser();
        await CommandCenterFactory.PostLoginAsync(second, "tfa-recovery", CommandCenterFactory.Password);
        var reused = await PostFormAsync(second, "/account/login", "login-2fa", new() { ["Code.Code"] = code });

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/")).StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "tfa-recovery");
            Assert.Equal(1, user.AccessFailedCount);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.UserName == "tfa-recovery" && e.Action == AuditActions.SignIn && e.Detail == "2fa-recovery-code"));
        });
    }

    [Fact]
    public async Task An_admin_without_a_second_factor_must_enrol_before_anything_else()
    {
        await factory.CreateUserAsync("tfa-forced", Roles.Admin);
        var client = await factory.SignedInBrowserAsync("tfa-forced");

        var home = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor?returnUrl=%2Fconsole", home.Headers.Location!.OriginalString);
        var api = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);

        var page = await client.GetStringAsync("/account/two-factor?returnUrl=%2Fconsole");
        Assert.Contains("data-testid=\"two-factor-required\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("停用双因素登录", page, StringComparison.Ordinal);
        var key = await StoredKeyAsync("tfa-forced");
        var enrolled = await PostFormAsync(client, "/account/two-factor?returnUrl=%2Fconsole", "two-factor-enable", new() { ["Enable.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Contains("href=\"/console\"", await enrolled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/console")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Other_roles_are_not_forced()
    {
        await factory.CreateUserAsync("tfa-analyst", Roles.Analyst);
        var client = await factory.SignedInBrowserAsync("tfa-analyst");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_security_administrators_reset_turns_it_off_and_forces_a_new_key()
    {
        var key = await EnrolledUserAsync("tfa-reset", Roles.Analyst);
        await using var scope = factory.Services.CreateAsyncScope();
        // The one reset path: the security administrator's, in user administration.
        var admin = scope.ServiceProvider.GetRequiredService<CommandCenter.Web.Components.Admin.UserAdministration>();
        var securityAdmin = new AdministratorDuties(Accounts: false, Security: true);

        Assert.True((await admin.ResetTwoFactorAsync("tfa-reset", securityAdmin, new AuditActor("sec", "sec-admin", null))).Succeeded);
        Assert.False((await admin.ResetTwoFactorAsync("nobody-here", securityAdmin, new AuditActor("sec", "sec-admin", null))).Succeeded);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync("tfa-reset"))!;
        Assert.False(await users.GetTwoFactorEnabledAsync(user));
        Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
        Assert.NotEqual(key, await users.GetAuthenticatorKeyAsync(user));
        var response = await CommandCenterFactory.PostLoginAsync(factory.CreateBrowser(), "tfa-reset", CommandCenterFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData(null, false, new[] { Roles.Admin })]
    [InlineData(null, true, new string[0])]
    [InlineData("", false, new string[0])]
    [InlineData(" Admin , SecurityAdmin ", true, new[] { Roles.Admin, Roles.SecurityAdmin })]
    public void RequireTwoFactorFor_defaults_to_Admin_outside_demo_mode(string? setting, bool demo, string[] expected)
    {
        var roles = new SecurityOptions { RequireTwoFactorFor = setting }.RolesRequiringTwoFactor(demo);

        Assert.Equal(expected.Order(), roles.Order());
    }

    private async Task<string> EnrolledUserAsync(string userName, string role)
    {
        await factory.CreateUserAsync(userName, role);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private async Task<string> StoredKeyAsync(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync(userName))!))!;
    }

    /// <summary>Posts a static form like a browser: the antiforgery token from the page first.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(url);
        var token = CommandCenterFactory.AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"{url} has no antiforgery token.");
        fields["_handler"] = formName;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("data-testid=\"shared-key\"[^>]*>([^<]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<code[^>]*>[A-Z0-9]{5}-[A-Z0-9]{5}</code>")]
    private static partial Regex RecoveryCode();
}
