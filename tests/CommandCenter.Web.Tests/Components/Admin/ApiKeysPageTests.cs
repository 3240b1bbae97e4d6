using Bunit;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Components.Admin;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.Components.Console;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Components.Admin;

/// <summary>/admin/api-keys on the real app: list with last use, create (key shown once), revoke after confirming.</summary>
public sealed class ApiKeysPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_admin_creates_a_key_sees_it_once_and_revokes_it()
    {
        await using var console = new ConsoleTestContext(factory, "admin-k", "管理员丁", Roles.Admin);
        var page = console.Bunit.Render<ApiKeysPage>();
        page.WaitForAssertion(() => Assert.Contains(page.Instance.Shown!, k => k.Name == factory.District.KeyName));
        Assert.Contains(factory.District.ScopedKeyName, page.Markup, StringComparison.Ordinal);
        Assert.Contains("七一路街道", page.Markup, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".cc-scope-tree .mud-treeview-item-content")));

        await page.InvokeAsync(() => page.Find(".cc-key-channel input").Change("page-test"));
        await page.InvokeAsync(() => page.Find(".cc-key-permissions input[data-permission='sos'], .cc-key-permissions [data-permission='sos'] input").Change(true));
        await page.ClickAsync(".cc-key-create");

        page.WaitForAssertion(() => Assert.StartsWith("cc_", page.Find(".cc-key-value input").GetAttribute("value"), StringComparison.Ordinal));
        var key = page.Find(".cc-key-value input").GetAttribute("value")!;
        var stored = await factory.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.Channel == "page-test"));
        Assert.Equal(ApiKeyHasher.Hash(key), stored.KeyHash);
        Assert.Equal(ApiKeyPermissions.Report | ApiKeyPermissions.Read | ApiKeyPermissions.Sos, stored.Permissions);
        Assert.Equal("管理员丁", stored.CreatedBy);

        await page.ClickAsync($"tr[data-key='{stored.Id}'] .cc-key-revoke");
        await page.ClickAsync($"tr[data-key='{stored.Id}'] .cc-key-confirm");
        page.WaitForAssertion(() => Assert.Contains("已吊销", page.Find($"tr[data-key='{stored.Id}']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".cc-key-value"));
        Assert.NotNull(await factory.QueryAsync(db => db.ApiKeys.Where(k => k.Id == stored.Id).Select(k => k.RevokedAt).SingleAsync()));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "api-key.revoke" && e.EntityId == stored.Id.ToString())));
    }
}
