using System.Net;
using System.Text;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CommandCenter.Web.Tests.Components.Analytics;

/// <summary>The CSV and XLSX exports: the page's filters, the caller's scope, masked residents, problem+json errors.</summary>
public sealed class AnalyticsExportTests(AnalyticsFactory factory) : IClassFixture<AnalyticsFactory>, IAsyncLifetime
{
    private static int _users;

    public Task InitializeAsync() => AnalyticsSite.EnsureAsync(factory);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> SignInAsync(string role, string? scope = null)
    {
        var name = $"an{Interlocked.Increment(ref _users)}{role.ToLowerInvariant()}";
        var user = await factory.CreateUserAsync(name, role);
        if (scope is not null)
        {
            await factory.WithDbAsync(async db =>
            {
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ScopeCode, scope));
            });
        }
        return await factory.SignedInBrowserAsync(name);
    }

    private static async Task<int> ReceivedInRollupsAsync(CommandCenterFactory factory, string communityCode)
    {
        var received = 0;
        await factory.WithDbAsync(async db =>
        {
            var id = await db.Communities.Where(c => c.Code == communityCode).Select(c => c.Id).SingleAsync();
            var today = Data.ChinaDay.Of(DateTime.UtcNow);
            var (start, _) = Data.ChinaDay.Bounds(today.AddDays(-6));
            var (_, end) = Data.ChinaDay.Bounds(today);
            received = await db.Incidents.CountAsync(i => i.CommunityId == id && i.ReportedAt >= start && i.ReportedAt < end);
        });
        return received;
    }

    [Fact]
    public async Task Csv_has_a_byte_order_mark_and_the_tab_s_tables_for_the_filtered_period()
    {
        using var client = await SignInAsync(Roles.Analyst);
        var response = await client.GetAsync($"/analytics/export.csv?node={AnalyticsSite.Community}&period=7d&tab=events");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("指标", lines[0]);
        Assert.Equal("指标,本期,上期", lines[1]);
        Assert.StartsWith($"受理,{await ReceivedInRollupsAsync(factory, AnalyticsSite.Community)},", lines[2], StringComparison.Ordinal);
        Assert.Contains("红黑榜", lines);
        Assert.Contains(lines, l => l.StartsWith("1,第", StringComparison.Ordinal)); // the grids, ranked
        Assert.Contains("时段热力图（小时 × 星期）", lines);

        // The "today" period is a different filter with different figures (or at most the same).
        var today = await client.GetStringAsync($"/analytics/export.csv?node={AnalyticsSite.Community}&period=today&tab=events");
        Assert.Contains("受理,", today, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_has_one_sheet_per_table_with_numbers()
    {
        using var client = await SignInAsync(Roles.Leader);
        var response = await client.GetAsync($"/analytics/export.xlsx?node={AnalyticsSite.Community}&period=30d&tab=people");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Equal(["指标", "红黑榜"], sheets);
        var summary = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "指标").Cast<IDictionary<string, object>>().ToList();
        var residents = summary.Single(r => (string)r["指标"] == "实有人口");
        var expected = 0;
        await factory.WithDbAsync(async db => expected = await db.Residents.CountAsync(r => db.Grids.Any(g => g.Id == r.GridId && g.Code.StartsWith(AnalyticsSite.Community))));
        Assert.Equal(expected, Convert.ToInt32(residents["本期"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_household_export_keeps_residents_masked()
    {
        using var client = await SignInAsync(Roles.Analyst);
        var csv = await client.GetStringAsync($"/analytics/export.csv?node={Uri.EscapeDataString(AnalyticsSite.Household)}");

        Assert.DoesNotContain(AnalyticsSite.ResidentName, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(AnalyticsSite.ResidentPhone, csv, StringComparison.Ordinal);
        Assert.Contains("欧阳**", csv, StringComparison.Ordinal);
        Assert.Contains("139****5678", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("610202199001011234", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scoped_analyst_exports_only_inside_the_scope()
    {
        using var client = await SignInAsync(Roles.Analyst, scope: AnalyticsSite.OtherGrid);

        var outside = await client.GetAsync($"/analytics/export.csv?node={AnalyticsSite.Community}&period=7d");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/analytics/export.xlsx?node={Uri.EscapeDataString(AnalyticsSite.Household)}")).StatusCode);

        // Without a node the export is of the scope's own node.
        var own = await client.GetAsync("/analytics/export.csv?period=7d&tab=places");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(AnalyticsSite.OtherGrid, own.Content.Headers.ContentDisposition?.FileNameStar ?? own.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_filters_and_other_roles_get_problem_answers()
    {
        using var analyst = await SignInAsync(Roles.Analyst);
        var badPeriod = await analyst.GetAsync($"/analytics/export.csv?node={AnalyticsSite.Community}&period=custom&from=2026-02-01&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Equal("application/problem+json", badPeriod.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/analytics/export.csv?node=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/analytics/export.csv?node=610202009")).StatusCode);

        // The wall's account may not export: a browser is sent to the access-denied page, a program gets 403.
        using var wall = await SignInAsync(Roles.Wall);
        var denied = await wall.GetAsync($"/analytics/export.csv?node={AnalyticsSite.Community}");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("denied", denied.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
        using var program = new HttpRequestMessage(HttpMethod.Get, $"/analytics/export.csv?node={AnalyticsSite.Community}");
        program.Headers.Add("X-Requested-With", "XMLHttpRequest");
        Assert.Equal(HttpStatusCode.Forbidden, (await wall.SendAsync(program)).StatusCode);
    }
}
