using Bunit;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Components.Admin;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.Components.Console;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Components.Admin;

/// <summary>/admin/reference-data on the real app: the catalogue is listed, a category is edited through the form and saved.</summary>
public sealed class ReferenceDataPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_admin_renames_a_category_and_sees_the_time_limits()
    {
        await using var context = new ConsoleTestContext(factory, "admin-r", "管理员乙", Roles.Admin);
        var page = context.Bunit.Render<ReferenceDataPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Categories));
        Assert.Contains("事件分类", page.Markup, StringComparison.Ordinal);
        var row = page.Find($"tr[data-code='{ApiDistrict.EventCategory}']");

        await page.InvokeAsync(() => row.Click());
        page.WaitForAssertion(() => Assert.Contains($"编辑事件分类 {ApiDistrict.EventCategory}", page.Markup, StringComparison.Ordinal));
        await page.InvokeAsync(() => page.Find(".cc-field-minor-name input").Change("私搭乱建（含违建）"));
        await page.InvokeAsync(() => page.Find(".cc-category-save").Click());

        page.WaitForAssertion(() => Assert.Contains("已保存", page.Markup, StringComparison.Ordinal));
        var name = await factory.QueryAsync(db => db.IncidentCategories.Where(c => c.Code == ApiDistrict.EventCategory).Select(c => c.MinorName).SingleAsync());
        Assert.Equal("私搭乱建（含违建）", name);
        Assert.Contains("私搭乱建（含违建）", page.Find($"tr[data-code='{ApiDistrict.EventCategory}']").TextContent, StringComparison.Ordinal);

        await page.InvokeAsync(() => page.FindAll(".mud-tab")[2].Click());
        page.WaitForAssertion(() => Assert.Contains("1440 分钟", page.Find(".cc-sla").TextContent, StringComparison.Ordinal));
        Assert.Contains("网格 → 社区：响应时限超时后自动升级", page.Find(".cc-escalation").TextContent, StringComparison.Ordinal);
    }
}
