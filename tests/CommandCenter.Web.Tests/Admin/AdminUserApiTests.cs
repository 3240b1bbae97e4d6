using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommandCenter.Web.Tests.Admin.AdminCalls;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>/api/v1/admin/users: who may call it, the flows, the rules and their audit rows.</summary>
public sealed class AdminUserApiTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private static readonly string[] ReadPermission = ["read"];

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.DutyOfficer)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Wall)]
    public async Task Every_other_role_gets_403_problem(string role)
    {
        var name = NewName($"not-admin-{role.ToLowerInvariant()}");
        await factory.CreateUserAsync(name, role);
        var client = await factory.SignedInBrowserAsync(name);

        await ApiCalls.AssertProblemAsync(await client.GetAsync("/api/v1/admin/users"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await CreateUserAsync(client, NewName("x"), [Roles.Admin]), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await ActAsync(client, AdminApiFactory.RootAdmin, "disable"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await client.GetAsync("/api/v1/admin/api-keys"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await client.DeleteAsync("/api/v1/admin/api-keys/1"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_gets_401_and_an_api_key_gets_403()
    {
        await ApiCalls.AssertProblemAsync(await factory.CreateBrowser().GetAsync("/api/v1/admin/users"), HttpStatusCode.Unauthorized);
        await ApiCalls.AssertProblemAsync(await factory.CreateBrowser().GetAsync("/api/v1/admin/api-keys"), HttpStatusCode.Unauthorized);
        var key = factory.ApiClient(factory.District.Key);
        await ApiCalls.AssertProblemAsync(await key.GetAsync("/api/v1/admin/users"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await ApiCalls.PostAsync(key, "/api/v1/admin/api-keys", new { channel = "evil", permissions = ReadPermission }),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_edit_disable_enable_are_audited_before_to_after()
    {
        var name = NewName("flow");
        var created = await ApiCalls.AssertStatusAsync(await CreateUserAsync(factory.Admin, name, [Roles.Analyst], scopeCode: ApiDistrict.Street1Code),
            HttpStatusCode.Created);
        Assert.Equal(name, created["userName"]!.GetValue<string>());
        Assert.Equal([Roles.Analyst], Strings(created["roles"]));
        Assert.Equal(ApiDistrict.Street1Code, created["scopeCode"]!.GetValue<string>());
        Assert.Null(created["generatedPassword"]);
        Assert.False(created["mustChangePassword"]!.GetValue<bool>());
        var id = await factory.UserIdAsync(name);
        Assert.Contains("roles: — → [Analyst]", Assert.Single(await factory.AuditAsync("user.create", id)), StringComparison.Ordinal);

        var edited = await ApiCalls.AssertStatusAsync(await PutAsync(factory.Admin, name, new
        {
            displayName = "新名字", roles = new[] { Roles.DutyOfficer }, scopeCode = ApiDistrict.Grid1Code, gridWorkerId = factory.District.GridWorkerId,
        }), HttpStatusCode.OK);
        Assert.Equal("新名字", edited["displayName"]!.GetValue<string>());
        Assert.Equal([Roles.DutyOfficer], Strings(edited["roles"]));
        Assert.Equal(ApiDistrict.Grid1Code, edited["scopeCode"]!.GetValue<string>());
        Assert.Equal(factory.District.GridWorkerId, edited["gridWorkerId"]!.GetValue<int>());
        var update = Assert.Single(await factory.AuditAsync("user.update", id));
        Assert.Contains($"displayName: 用户{name} → 新名字", update, StringComparison.Ordinal);
        Assert.Contains("roles: [Analyst] → [DutyOfficer]", update, StringComparison.Ordinal);
        Assert.Contains($"scopeCode: {ApiDistrict.Street1Code} → {ApiDistrict.Grid1Code}", update, StringComparison.Ordinal);
        Assert.Contains($"gridWorkerId: — → {factory.District.GridWorkerId}", update, StringComparison.Ordinal);
        Assert.Equal(id, await factory.QueryAsync(db => db.GridWorkers.Where(w => w.Id == factory.District.GridWorkerId).Select(w => w.UserId).SingleAsync()));

        var fetched = await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync($"/api/v1/admin/users/{name}"), HttpStatusCode.OK);
        Assert.Equal("新名字", fetched["displayName"]!.GetValue<string>());

        var disabled = await ApiCalls.AssertStatusAsync(await ActAsync(factory.Admin, name, "disable"), HttpStatusCode.OK);
        Assert.True(disabled["disabled"]!.GetValue<bool>());
        Assert.Contains("disabled: false → true", Assert.Single(await factory.AuditAsync("user.disable", id)), StringComparison.Ordinal);
        var enabled = await ApiCalls.AssertStatusAsync(await ActAsync(factory.Admin, name, "enable"), HttpStatusCode.OK);
        Assert.False(enabled["disabled"]!.GetValue<bool>());
        Assert.Contains("disabled: true → false", Assert.Single(await factory.AuditAsync("user.enable", id)), StringComparison.Ordinal);

        // Unlinking and clearing the scope.
        var cleared = await ApiCalls.AssertStatusAsync(await PutAsync(factory.Admin, name, new { scopeCode = (string?)null }), HttpStatusCode.OK);
        Assert.Null(cleared["scopeCode"]);
        Assert.Null(cleared["gridWorkerId"]);
        Assert.Equal([Roles.DutyOfficer], Strings(cleared["roles"]));
    }

    [Fact]
    public async Task Unlock_ends_a_lockout_and_reset_password_makes_the_user_change_it()
    {
        var name = NewName("locked");
        await CreatedUserAsync(factory.Admin, name, Roles.Leader);
        for (var i = 0; i < 5; i++)
        {
            await CommandCenterFactory.PostLoginAsync(factory.CreateBrowser(), name, "Wrong#password1");
        }
        var locked = await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync($"/api/v1/admin/users/{name}"), HttpStatusCode.OK);
        Assert.True(locked["lockedOut"]!.GetValue<bool>());
        Assert.NotNull(locked["lockedOutUntil"]);

        var unlocked = await ApiCalls.AssertStatusAsync(await ActAsync(factory.Admin, name, "unlock"), HttpStatusCode.OK);
        Assert.False(unlocked["lockedOut"]!.GetValue<bool>());
        var id = await factory.UserIdAsync(name);
        Assert.Contains("→ —", Assert.Single(await factory.AuditAsync("user.unlock", id)), StringComparison.Ordinal);
        await factory.SignedInBrowserAsync(name);

        var reset = await ApiCalls.AssertStatusAsync(await ActAsync(factory.Admin, name, "reset-password"), HttpStatusCode.OK);
        var password = reset["generatedPassword"]!.GetValue<string>();
        Assert.True(password.Length >= 16);
        Assert.True(reset["mustChangePassword"]!.GetValue<bool>());
        var audit = Assert.Single(await factory.AuditAsync("user.reset-password", id));
        Assert.Contains("mustChangePassword: false → true", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(password, audit, StringComparison.Ordinal);
        Assert.Null((await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync($"/api/v1/admin/users/{name}"), HttpStatusCode.OK))["generatedPassword"]);

        // The old password no longer works; the new one leads to the change-password page.
        var old = await CommandCenterFactory.PostLoginAsync(factory.CreateBrowser(), name, CommandCenterFactory.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var client = factory.CreateBrowser();
        var signIn = await CommandCenterFactory.PostLoginAsync(client, name, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/account/change-password", PathOf(signIn));

        // Nothing else works until the password is changed.
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/change-password", PathOf(home));
        await ApiCalls.AssertProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Forbidden);

        var changed = await PostChangePasswordAsync(client, password, "Changed#2026pw");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/", PathOf(changed));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.False((await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync($"/api/v1/admin/users/{name}"), HttpStatusCode.OK))["mustChangePassword"]!.GetValue<bool>());
        Assert.Contains("mustChangePassword: true → false", Assert.Single(await factory.AuditAsync("user.change-password", id)), StringComparison.Ordinal);
        await factory.SignedInBrowserAsync(name, "Changed#2026pw");
    }

    [Fact]
    public async Task Change_password_refuses_a_mismatch_and_a_wrong_current_password()
    {
        var name = NewName("change");
        await CreatedUserAsync(factory.Admin, name, Roles.Analyst);
        var client = await factory.SignedInBrowserAsync(name);

        var mismatch = await PostChangePasswordAsync(client, CommandCenterFactory.Password, "Changed#2026pw", "Other#2026pw");
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrong = await PostChangePasswordAsync(client, "Wrong#2026pw", "Changed#2026pw");
        Assert.Contains("当前密码错误", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await factory.SignedInBrowserAsync(name);
    }

    private static string PathOf(HttpResponseMessage response) => new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath;

    internal static async Task<HttpResponseMessage> PostChangePasswordAsync(HttpClient client, string current, string next, string? confirm = null)
    {
        var html = await client.GetStringAsync("/account/change-password");
        var token = CommandCenterFactory.AntiforgeryToken().Match(html);
        Assert.True(token.Success, "The change-password form has no antiforgery token.");
        return await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm ?? next,
        }));
    }

    [Fact]
    public async Task Without_a_password_one_is_generated_and_shown_once()
    {
        var name = NewName("generated");
        var created = await ApiCalls.AssertStatusAsync(await CreateUserAsync(factory.Admin, name, [Roles.Analyst], password: null), HttpStatusCode.Created);
        var password = created["generatedPassword"]!.GetValue<string>();
        Assert.True(created["mustChangePassword"]!.GetValue<bool>());
        Assert.Null((await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync($"/api/v1/admin/users/{name}"), HttpStatusCode.OK))["generatedPassword"]);
        var signIn = await CommandCenterFactory.PostLoginAsync(factory.CreateBrowser(), name, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Bad_input_gets_422_409_or_404()
    {
        var unknownRole = await ApiCalls.AssertProblemAsync(await CreateUserAsync(factory.Admin, NewName("bad"), ["Superuser"]), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Superuser", unknownRole["errors"]!["roles"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var unknownScope = await ApiCalls.AssertProblemAsync(await CreateUserAsync(factory.Admin, NewName("bad"), [Roles.Analyst], scopeCode: "610202009"),
            HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(unknownScope["errors"]!["scopeCode"]);
        var weak = await ApiCalls.AssertProblemAsync(await CreateUserAsync(factory.Admin, NewName("bad"), [Roles.Analyst], password: "short"),
            HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(weak["errors"]!["password"]!.AsArray());
        await ApiCalls.AssertProblemAsync(await CreateUserAsync(factory.Admin, AdminApiFactory.RootAdmin, [Roles.Analyst]), HttpStatusCode.Conflict);
        await ApiCalls.AssertProblemAsync(await factory.Admin.GetAsync("/api/v1/admin/users/nobody-here"), HttpStatusCode.NotFound);
        await ApiCalls.AssertProblemAsync(await ActAsync(factory.Admin, "nobody-here", "disable"), HttpStatusCode.NotFound);
        await ApiCalls.AssertProblemAsync(await PutAsync(factory.Admin, AdminApiFactory.RootAdmin, new { gridWorkerId = 999_999 }), HttpStatusCode.UnprocessableEntity);
        await ApiCalls.AssertProblemAsync(await ApiCalls.PostAsync(factory.Admin, "/api/v1/admin/users", "{\"userName\":"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Search_and_paging()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        for (var i = 0; i < 3; i++)
        {
            await CreatedUserAsync(factory.Admin, $"page-{tag}-{i}", Roles.Analyst);
        }

        var first = await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync($"/api/v1/admin/users?search={tag}&page=1&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal(3, first["total"]!.GetValue<int>());
        Assert.Equal([$"page-{tag}-0", $"page-{tag}-1"], first["items"]!.AsArray().Select(u => u!["userName"]!.GetValue<string>()));
        var second = await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync($"/api/v1/admin/users?search={tag.ToUpperInvariant()}&page=2&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal($"page-{tag}-2", Assert.Single(second["items"]!.AsArray())!["userName"]!.GetValue<string>());
        var byDisplayName = await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync($"/api/v1/admin/users?search=用户page-{tag}-1"), HttpStatusCode.OK);
        Assert.Equal(1, byDisplayName["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_disabled_users_cookie_stops_working_after_revalidation()
    {
        var name = NewName("cookie");
        await CreatedUserAsync(factory.Admin, name, Roles.DutyOfficer);
        var client = await factory.SignedInBrowserAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        await ApiCalls.AssertStatusAsync(await ActAsync(factory.Admin, name, "disable"), HttpStatusCode.OK);
        var stamp = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.SecurityStamp).SingleAsync());
        Assert.False(string.IsNullOrEmpty(stamp));

        await Task.Delay(TimeSpan.FromSeconds(11)); // the factory's re-validation interval is 10 s
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public void Generated_passwords_meet_the_identity_rules()
    {
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.Password;
        for (var i = 0; i < 50; i++)
        {
            var password = CommandCenter.Web.Components.Admin.UserAdministration.NewPassword(options);
            Assert.True(password.Length >= options.RequiredLength);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, c => !char.IsAsciiLetterOrDigit(c));
        }
    }
}
