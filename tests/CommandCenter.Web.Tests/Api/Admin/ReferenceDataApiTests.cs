using System.Net;
using System.Net.Http.Json;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Admin;

/// <summary>/api/v1/admin/categories and /handling-units: administrators only, validated, audited, effective at once.</summary>
public sealed class ReferenceDataApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<HttpClient> AdminAsync()
    {
        var name = $"admin-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(name, Roles.Admin);
        return await factory.SignedInBrowserAsync(name);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body) =>
        client.PutAsync(path, new StringContent(ToJson(body), System.Text.Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.DutyOfficer)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Wall)]
    public async Task Every_other_role_gets_403(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(name, role);
        var client = await factory.SignedInBrowserAsync(name);

        await AssertProblemAsync(await client.GetAsync("/api/v1/admin/categories"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/admin/handling-units", new { name = "x", tier = "street", areaCode = ApiDistrict.Street1Code }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Keys_and_anonymous_callers_are_refused()
    {
        await AssertProblemAsync(await factory.ApiClient(factory.District.Key).GetAsync("/api/v1/admin/handling-units"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await factory.ApiClient(null).GetAsync("/api/v1/admin/handling-units"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deactivated_category_is_refused_by_the_intake_at_once_and_the_change_is_audited()
    {
        var admin = await AdminAsync();
        var created = await AssertStatusAsync(await PostAsync(admin, "/api/v1/admin/categories",
            new { kind = "event", majorCode = "09", majorName = "测试大类", minorCode = "07", minorName = "测试小类", resolveMinutes = 600 }), HttpStatusCode.Created);
        Assert.Equal("E0907", created["code"]!.GetValue<string>());
        var id = created["id"]!.GetValue<int>();
        await AssertProblemAsync(await PostAsync(admin, "/api/v1/admin/categories",
            new { kind = "event", majorCode = "09", majorName = "测试大类", minorCode = "07", minorName = "重复" }), HttpStatusCode.Conflict);

        // The intake caches the catalogue; a report warms that cache with the category active.
        var reporter = factory.ApiClient(factory.District.Key);
        await CreateIncidentAsync(reporter, Incident(category: "E0907", source: "gridWorker"));

        var updated = await AssertStatusAsync(await PutAsync(admin, $"/api/v1/admin/categories/{id}", new { minorName = "测试小类（停用）", isActive = false }), HttpStatusCode.OK);
        Assert.False(updated["isActive"]!.GetValue<bool>());

        var refused = await PostAsync(reporter, "/api/v1/incidents", Incident(category: "E0907", source: "gridWorker"), Guid.NewGuid().ToString("N"));
        await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity);

        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "IncidentCategory" && e.EntityId == id.ToString()).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["reference.category.create", "reference.category.update"], audit.Select(e => e.Action));
        Assert.Contains("MinorName: 测试小类 → 测试小类（停用）", audit[1].Detail, StringComparison.Ordinal);
        Assert.Contains("IsActive: True → False", audit[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_are_fixed_and_the_SOS_category_stays_active()
    {
        var admin = await AdminAsync();
        var categories = await admin.GetFromJsonAsync<List<CategoryDto>>("/api/v1/admin/categories", Json);
        var sos = Assert.Single(categories!, c => c.Code == SosIntakeService.SosCategoryCode);
        var event1 = Assert.Single(categories!, c => c.Code == ApiDistrict.EventCategory);

        await AssertProblemAsync(await PutAsync(admin, $"/api/v1/admin/categories/{sos.Id}", new { isActive = false }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PutAsync(admin, $"/api/v1/admin/categories/{event1.Id}", new { minorCode = "99" }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PutAsync(admin, $"/api/v1/admin/categories/{event1.Id}", new { respondMinutes = 0 }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PutAsync(admin, "/api/v1/admin/categories/999999", new { minorName = "x" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await PostAsync(admin, "/api/v1/admin/categories", new { kind = "event", majorCode = "1", minorCode = "ab", majorName = "", minorName = "x" }), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Handling_units_serve_an_existing_node()
    {
        var admin = await AdminAsync();
        var bad = await AssertProblemAsync(await PostAsync(admin, "/api/v1/admin/handling-units", new { name = "城管执法中队", tier = "street", areaCode = "999999999" }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(bad["errors"]?["areaCode"]);

        var created = await AssertStatusAsync(await PostAsync(admin, "/api/v1/admin/handling-units",
            new { name = "城管执法中队", tier = "street", areaCode = ApiDistrict.Street1Code, contact = "0919-1234567" }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<int>();
        var changed = await AssertStatusAsync(await PutAsync(admin, $"/api/v1/admin/handling-units/{id}", new { contact = "值班室 0919-7654321", isActive = false }), HttpStatusCode.OK);
        Assert.Equal("值班室 0919-7654321", changed["contact"]!.GetValue<string>());

        var units = await admin.GetFromJsonAsync<List<UnitDto>>("/api/v1/admin/handling-units", Json);
        Assert.Contains(units!, u => u.Id == id && !u.IsActive && u.AreaCode == ApiDistrict.Street1Code);
        var detail = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "HandlingUnit" && e.EntityId == id.ToString() && e.Action == "reference.unit.update").Select(e => e.Detail).SingleAsync());
        Assert.Contains("Contact: 0919-1234567 → 值班室 0919-7654321", detail, StringComparison.Ordinal);
    }

    private sealed record CategoryDto(int Id, string Code, bool IsActive);

    private sealed record UnitDto(int Id, string AreaCode, bool IsActive);
}
