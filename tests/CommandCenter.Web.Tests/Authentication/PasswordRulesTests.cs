using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Tests.Admin;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CommandCenter.Web.Tests.Admin.AdminCalls;

namespace CommandCenter.Web.Tests.Authentication;

/// <summary>Outside demo mode a password has at least 12 characters and is not (and does not contain) the user name.</summary>
public sealed class PasswordRulesTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private static string NewName(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public void Twelve_characters_outside_demo_mode_eight_in_it_unless_configured()
    {
        Assert.Equal(12, new SecurityOptions().PasswordLengthFor(demoMode: false));
        Assert.Equal(8, new SecurityOptions().PasswordLengthFor(demoMode: true));
        Assert.Equal(16, new SecurityOptions { MinimumPasswordLength = 16 }.PasswordLengthFor(demoMode: true));
        Assert.Equal(12, factory.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Password.RequiredLength);
    }

    [Fact]
    public async Task An_administrator_cannot_create_a_user_with_eleven_characters()
    {
        var name = NewName("pw");
        var body = await ApiCalls.AssertProblemAsync(
            await CreateUserAsync(factory.Admin, name, [Roles.Analyst], password: "Demo#2026cc"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("密码至少需要 12 个字符", body["errors"]!["password"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        await ApiCalls.AssertStatusAsync(
            await CreateUserAsync(factory.Admin, name, [Roles.Analyst], password: "Demo#2026ccc"), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("{0}#2026-Pass")]
    [InlineData("Pass#2026-{0}")]
    [InlineData("Pass#{1}2026")]
    public async Task A_password_with_the_user_name_in_it_is_refused(string pattern)
    {
        var name = NewName("zhangsan");
        var password = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, name, name.ToUpperInvariant());
        password = password.Length < 12 ? password + "#2026-Pass" : password;

        var body = await ApiCalls.AssertProblemAsync(
            await CreateUserAsync(factory.Admin, name, [Roles.Analyst], password: password), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(body["errors"]!["password"]!.AsArray(), e => e!.GetValue<string>().Contains("密码不能是用户名，也不能包含用户名", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reset_and_a_change_follow_the_same_rules()
    {
        var name = NewName("lisi");
        var user = await factory.CreateUserAsync(name, Roles.DutyOfficer);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var fresh = await users.FindByIdAsync(user.Id);
            var token = await users.GeneratePasswordResetTokenAsync(fresh!);
            var reset = await users.ResetPasswordAsync(fresh!, token, $"{name}-2026#Pw");
            Assert.Equal(UserNamePasswordValidator.ErrorCode, Assert.Single(reset.Errors).Code);
            var changed = await users.ChangePasswordAsync(fresh!, CommandCenterFactory.Password, "Short#2026");
            Assert.Equal(nameof(IdentityErrorDescriber.PasswordTooShort), Assert.Single(changed.Errors).Code);
        }

        var client = await factory.SignedInBrowserAsync(name);
        var page = await AdminUserApiTests.PostChangePasswordAsync(client, CommandCenterFactory.Password, $"My#{name.ToUpperInvariant()}#2026");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("密码不能是用户名，也不能包含用户名", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await factory.SignedInBrowserAsync(name);
    }

    [Fact]
    public async Task Short_user_names_only_refuse_themselves()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var validator = scope.ServiceProvider.GetServices<IPasswordValidator<AppUser>>().OfType<UserNamePasswordValidator>().Single();

        Assert.True((await validator.ValidateAsync(users, new AppUser { UserName = "wl", DisplayName = "王磊" }, "Mowl#2026-pass")).Succeeded);
        Assert.False((await validator.ValidateAsync(users, new AppUser { UserName = "wl", DisplayName = "王磊" }, "WL")).Succeeded);
    }
}
