using Bunit;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Components.Admin;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.Components.Console;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CommandCenter.Web.Tests.Components.Admin;

/// <summary>/admin/users on the real app: search, create through the dialog (roles, scope from the tree), disable, reset; audited.</summary>
public sealed class UsersPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_admin_searches_disables_and_resets_a_user()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await factory.CreateUserAsync($"u{tag}-a", Roles.Analyst);
        await factory.CreateUserAsync($"u{tag}-b", Roles.DutyOfficer);
        await using var console = new ConsoleTestContext(factory, "admin-u", "管理员乙", Roles.Admin);
        var page = console.Bunit.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Shown));

        await page.InputAsync(".cc-user-search input", tag);
        page.WaitForAssertion(() => Assert.Equal(2, page.Instance.Shown!.Total));
        var row = page.Find($"tr[data-user='u{tag}-a']");
        Assert.Contains("分析员", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("全区", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("正常", row.TextContent, StringComparison.Ordinal);

        await page.ClickAsync($"tr[data-user='u{tag}-a'] .cc-user-disable");
        page.WaitForAssertion(() => Assert.Contains("已停用", page.Find($"tr[data-user='u{tag}-a'] .cc-user-status").TextContent, StringComparison.Ordinal));
        Assert.True(await factory.QueryAsync(db => db.Users.Where(u => u.UserName == $"u{tag}-a").Select(u => u.IsDisabled).SingleAsync()));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "user.disable" && e.UserName == "管理员乙")));

        await page.ClickAsync($"tr[data-user='u{tag}-b'] .cc-user-reset");
        page.WaitForAssertion(() => Assert.False(string.IsNullOrEmpty(page.Find(".cc-user-password input").GetAttribute("value"))));
        Assert.Contains("只显示这一次", page.Markup, StringComparison.Ordinal);
        Assert.Contains("须改密码", page.Find($"tr[data-user='u{tag}-b']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_a_user_with_a_scope_from_the_tree()
    {
        var name = $"new{Guid.NewGuid().ToString("N")[..6]}";
        await using var console = new ConsoleTestContext(factory, "admin-c", "管理员丙", Roles.Admin);
        var dialogs = console.Bunit.Render<MudDialogProvider>();
        var page = console.Bunit.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Shown));

        await page.ClickAsync(".cc-user-new");
        dialogs.WaitForElement(".cc-form-username input");
        await dialogs.InvokeAsync(() => dialogs.Find(".cc-form-username input").Change(name));
        await dialogs.InvokeAsync(() => dialogs.Find(".cc-form-displayname input").Change("新值班员"));
        await dialogs.InvokeAsync(() => dialogs.Find($".cc-form-roles [data-role='{Roles.DutyOfficer}'] input, .cc-form-roles input[data-role='{Roles.DutyOfficer}']").Change(true));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".cc-scope-tree .mud-treeview-item-content")), TimeSpan.FromSeconds(3));
        var street = dialogs.FindAll(".cc-scope-tree .mud-treeview-item-content").First(e => e.TextContent.Contains(ApiDistrict.Street1Code, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => street.Click());
        dialogs.WaitForAssertion(() => Assert.Contains(ApiDistrict.Street1Code, dialogs.Find(".cc-scope-current").TextContent, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => dialogs.Find(".cc-form-save").Click());

        page.WaitForAssertion(() => Assert.False(string.IsNullOrEmpty(page.Find(".cc-user-password input").GetAttribute("value"))));
        var user = await factory.QueryAsync(db => db.Users.SingleAsync(u => u.UserName == name));
        Assert.Equal(ApiDistrict.Street1Code, user.ScopeCode);
        Assert.True(user.MustChangePassword);
        var roles = await factory.QueryAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync());
        Assert.Equal([Roles.DutyOfficer], roles);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "user.create" && e.EntityId == user.Id && e.UserName == "管理员丙")));
    }
}
