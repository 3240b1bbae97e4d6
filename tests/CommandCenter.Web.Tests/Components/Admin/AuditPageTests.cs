using Bunit;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Components.Admin;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.Components.Console;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Components.Admin;

/// <summary>/admin/audit on the real app: filter, verify the chain, the export link carries the filter.</summary>
public sealed class AuditPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_audit_administrator_filters_verifies_and_exports()
    {
        var user = $"页面{Guid.NewGuid().ToString("N")[..6]}";
        var log = factory.Services.GetRequiredService<AuditLog>();
        await log.AppendAsync(new AuditRecord(null, user, "user.disable", "AppUser", "42", "停用 13812345678"));
        await log.AppendAsync(new AuditRecord(null, user, "sign-in"));
        await using var console = new ConsoleTestContext(factory, "auditor-p", "审计员甲", Roles.AuditAdmin);
        var page = console.Bunit.Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Shown));

        await page.InputAsync(".cc-audit-user input", user);
        await page.ClickAsync(".cc-audit-search");
        page.WaitForAssertion(() => Assert.Equal(2, page.Instance.Shown!.Total));
        Assert.Contains("共 2 条", page.Find(".cc-audit-total").TextContent, StringComparison.Ordinal);
        Assert.Contains("138****5678", page.Find(".cc-audit-table").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", page.Markup, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(user), page.Find("a.cc-audit-export").GetAttribute("href"), StringComparison.Ordinal);

        await page.ClickAsync(".cc-audit-verify");
        page.WaitForAssertion(() => Assert.Contains("审计链完整", page.Find(".cc-audit-verdict").TextContent, StringComparison.Ordinal));
    }
}
