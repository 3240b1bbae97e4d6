using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static CommandCenter.Web.Tests.Admin.AdminCalls;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>A host with 三员分立 on: system, security and audit administrators each keep to their own duties.</summary>
public sealed class SeparatedAdministratorsFactory : AdminApiFactory
{
    public const string SecurityAdmin = "secadmin";
    public const string AuditAdmin = "auditadmin";

    private HttpClient? _security;
    private HttpClient? _audit;

    public HttpClient Security => _security ?? throw new InvalidOperationException("Not initialised.");

    public HttpClient Audit => _audit ?? throw new InvalidOperationException("Not initialised.");

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Security:SeparateAdministrators"] = "true",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateUserAsync(SecurityAdmin, Roles.SecurityAdmin);
        await CreateUserAsync(AuditAdmin, Roles.AuditAdmin);
        _security = await SignedInBrowserAsync(SecurityAdmin);
        _audit = await SignedInBrowserAsync(AuditAdmin);
    }
}

public sealed class SeparationOfDutiesTests(SeparatedAdministratorsFactory factory) : IClassFixture<SeparatedAdministratorsFactory>
{
    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task The_system_administrator_makes_accounts_and_the_security_administrator_gives_their_roles()
    {
        var name = NewName("sod");
        await ApiCalls.AssertProblemAsync(await CreateUserAsync(factory.Admin, name, [Roles.Analyst]), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await CreateUserAsync(factory.Security, name, []), HttpStatusCode.Forbidden);
        var created = await ApiCalls.AssertStatusAsync(await CreateUserAsync(factory.Admin, name, []), HttpStatusCode.Created);
        Assert.Empty(Strings(created["roles"]));

        await ApiCalls.AssertProblemAsync(await PutAsync(factory.Admin, name, new { roles = new[] { Roles.Analyst } }), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await PutAsync(factory.Security, name, new { displayName = "改名", roles = Array.Empty<string>() }),
            HttpStatusCode.Forbidden);
        var granted = await ApiCalls.AssertStatusAsync(await PutAsync(factory.Security, name, new { roles = new[] { Roles.Analyst } }), HttpStatusCode.OK);
        Assert.Equal([Roles.Analyst], Strings(granted["roles"]));
        // The system administrator may still rename the account when sending its roles back unchanged.
        var renamed = await ApiCalls.AssertStatusAsync(
            await PutAsync(factory.Admin, name, new { displayName = "改名", roles = new[] { Roles.Analyst } }), HttpStatusCode.OK);
        Assert.Equal("改名", renamed["displayName"]!.GetValue<string>());

        await ApiCalls.AssertProblemAsync(await ActAsync(factory.Security, name, "disable"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await ActAsync(factory.Security, name, "reset-password"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertStatusAsync(await ActAsync(factory.Admin, name, "disable"), HttpStatusCode.OK);
        await ApiCalls.AssertStatusAsync(await ActAsync(factory.Admin, name, "enable"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unlocking_and_two_factor_resets_are_the_security_administrators()
    {
        var name = NewName("locked");
        await ApiCalls.AssertStatusAsync(await CreateUserAsync(factory.Admin, name, []), HttpStatusCode.Created);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(name))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(30));
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        await ApiCalls.AssertProblemAsync(await ActAsync(factory.Admin, name, "unlock"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await ActAsync(factory.Admin, name, "reset-two-factor"), HttpStatusCode.Forbidden);
        var unlocked = await ApiCalls.AssertStatusAsync(await ActAsync(factory.Security, name, "unlock"), HttpStatusCode.OK);
        Assert.False(unlocked["lockedOut"]!.GetValue<bool>());
        Assert.True(unlocked["twoFactorEnabled"]!.GetValue<bool>());
        var reset = await ApiCalls.AssertStatusAsync(await ActAsync(factory.Security, name, "reset-two-factor"), HttpStatusCode.OK);
        Assert.False(reset["twoFactorEnabled"]!.GetValue<bool>());
        var id = await factory.UserIdAsync(name);
        Assert.Contains("twoFactorEnabled: true → false", Assert.Single(await factory.AuditAsync("user.reset-two-factor", id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_account_holds_at_most_one_administrator_role()
    {
        var name = NewName("both");
        await ApiCalls.AssertStatusAsync(await CreateUserAsync(factory.Admin, name, []), HttpStatusCode.Created);
        await ApiCalls.AssertProblemAsync(await PutAsync(factory.Security, name, new { roles = new[] { Roles.Admin, Roles.AuditAdmin } }),
            HttpStatusCode.UnprocessableEntity);
        await ApiCalls.AssertStatusAsync(await PutAsync(factory.Security, name, new { roles = new[] { Roles.AuditAdmin } }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_audit_administrator_cannot_administer_users()
    {
        await ApiCalls.AssertProblemAsync(await factory.Audit.GetAsync("/api/v1/admin/users"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await CreateUserAsync(factory.Audit, NewName("x"), []), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await factory.Audit.GetAsync("/api/v1/admin/api-keys"), HttpStatusCode.Forbidden);
    }
}
