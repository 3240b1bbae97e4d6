using System.Net;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>/api/v1/admin/audit and its export: only the audit administrator; filters, 400 on bad values, the verify shape; audited.</summary>
public sealed class AdminAuditApiTests(SeparatedAdministratorsFactory factory) : IClassFixture<SeparatedAdministratorsFactory>
{
    private async Task<HttpClient> AuditorAsync()
    {
        var name = $"auditor-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(name, Roles.AuditAdmin);
        return await factory.SignedInBrowserAsync(name);
    }

    private Task<AuditEntry> AppendAsync(string user, string action, string? detail = null) =>
        factory.Services.GetRequiredService<AuditLog>().AppendAsync(new AuditRecord(null, user, action, Detail: detail));

    [Fact]
    public async Task Others_are_refused_and_an_api_key_never_passes()
    {
        // Outside demo mode the administrator roles are separate (三员分立): an Admin is not the audit administrator.
        await ApiCalls.AssertProblemAsync(await factory.Admin.GetAsync("/api/v1/admin/audit"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await ApiCalls.PostAsync(factory.Admin, "/api/v1/admin/audit/verify", ""), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await factory.ApiClient(factory.District.Key).GetAsync("/api/v1/admin/audit"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await factory.CreateBrowser().GetAsync("/api/v1/admin/audit"), HttpStatusCode.Unauthorized);
        var export = await factory.Admin.GetAsync("/admin/audit/export.csv");
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode); // a page path: sent to the access-denied page
        Assert.NotEqual("text/csv", export.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Entries_are_filtered_by_user_and_action_newest_first_with_free_text_masked()
    {
        var client = await AuditorAsync();
        var user = $"筛选{Guid.NewGuid().ToString("N")[..6]}";
        await AppendAsync(user, "registry.reveal", "查看 110105199001011234 的号码 13812345678");
        await AppendAsync(user, "registry.resident.edit");
        await AppendAsync("别人", "registry.reveal");

        var body = await ApiCalls.AssertStatusAsync(await client.GetAsync($"/api/v1/admin/audit?user={Uri.EscapeDataString(user)}&action=registry.&pageSize=10"), HttpStatusCode.OK);

        Assert.Equal(2, body["total"]!.GetValue<int>());
        var items = body["items"]!.AsArray();
        Assert.Equal("registry.resident.edit", items[0]!["action"]!.GetValue<string>());
        var detail = items[1]!["detail"]!.GetValue<string>();
        Assert.DoesNotContain("110105199001011234", detail, StringComparison.Ordinal);
        Assert.Contains("138****5678", detail, StringComparison.Ordinal);

        var exact = await ApiCalls.AssertStatusAsync(await client.GetAsync($"/api/v1/admin/audit?user={Uri.EscapeDataString(user)}&action=registry.reveal"), HttpStatusCode.OK);
        Assert.Equal(1, exact["total"]!.GetValue<int>());
        var future = await ApiCalls.AssertStatusAsync(await client.GetAsync($"/api/v1/admin/audit?user={Uri.EscapeDataString(user)}&from=2099-01-01T00:00:00%2B08:00"), HttpStatusCode.OK);
        Assert.Equal(0, future["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z", "to")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    public async Task Bad_values_are_400_problems_naming_the_field(string query, string field)
    {
        var client = await AuditorAsync();

        var problem = await ApiCalls.AssertProblemAsync(await client.GetAsync($"/api/v1/admin/audit?{query}"), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Verify_answers_intact_checked_and_first_bad_and_is_audited()
    {
        var client = await AuditorAsync();
        await AppendAsync("校验", "test");

        var body = await ApiCalls.AssertStatusAsync(await ApiCalls.PostAsync(client, "/api/v1/admin/audit/verify", ""), HttpStatusCode.OK);

        Assert.True(body["intact"]!.GetValue<bool>());
        Assert.True(body["checked"]!.GetValue<long>() >= 1);
        Assert.Null(body["firstBad"]);
        Assert.True(body.AsObject().ContainsKey("firstBad"));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditChainVerifier.VerifyAction)));
    }

    [Fact]
    public async Task The_export_is_a_masked_csv_of_the_filter_and_is_audited()
    {
        var client = await AuditorAsync();
        var user = $"导出{Guid.NewGuid().ToString("N")[..6]}";
        await AppendAsync(user, "sos.acknowledge", "回拨 13912345678");

        var response = await client.GetAsync($"/admin/audit/export.csv?user={Uri.EscapeDataString(user)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("sos.acknowledge", csv, StringComparison.Ordinal);
        Assert.Contains("139****5678", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", csv, StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "audit.export" && e.Detail!.Contains(user))));
    }
}
