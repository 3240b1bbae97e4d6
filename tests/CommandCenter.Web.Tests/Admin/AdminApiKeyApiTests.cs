using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>/api/v1/admin/api-keys: create (shown once, stored hashed), use, list with last use, revoke; audited.</summary>
public sealed class AdminApiKeyApiTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private static readonly string[] Read = ["read"];
    private static readonly string[] ReportRead = ["report", "read"];
    private static readonly string[] WithUnknown = ["report", "admin", "delete-all"];
    private static readonly string[] BadChannels = ["", "Hotline", "hotline 12345", new('a', 33)];

    [Fact]
    public async Task A_created_key_works_until_it_is_revoked()
    {
        var created = await ApiCalls.AssertStatusAsync(await ApiCalls.PostAsync(factory.Admin, "/api/v1/admin/api-keys", new
        {
            channel = "hotline-12345", scopeCode = ApiDistrict.Street1Code, permissions = ReportRead, name = "12345热线",
        }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<int>();
        var key = created["key"]!.GetValue<string>();
        Assert.StartsWith("cc_", key, StringComparison.Ordinal);
        Assert.Equal(["report", "read"], AdminCalls.Strings(created["permissions"]));
        var stored = await factory.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.Id == id));
        Assert.Equal(ApiKeyHasher.Hash(key), stored.KeyHash);
        Assert.Equal(ApiKeyPermissions.Report | ApiKeyPermissions.Read, stored.Permissions);
        Assert.Equal(AdminApiFactory.RootAdmin, stored.CreatedBy);
        Assert.Contains("permissions: — → [report, read]", Assert.Single(await factory.AuditAsync("api-key.create", id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            StringComparison.Ordinal);

        var client = factory.ApiClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/incidents")).StatusCode);
        var me = await ApiCalls.AssertStatusAsync(await client.GetAsync("/api/me"), HttpStatusCode.OK);
        Assert.Equal("hotline-12345", me["channel"]!.GetValue<string>());
        Assert.Equal(ApiDistrict.Street1Code, me["scope"]!.GetValue<string>());

        var list = await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync("/api/v1/admin/api-keys"), HttpStatusCode.OK);
        var listed = list.AsArray().Single(k => k!["id"]!.GetValue<int>() == id)!;
        Assert.NotNull(listed["lastUsedAt"]);
        Assert.Null(listed["revokedAt"]);
        Assert.Null(listed["key"]);
        Assert.Equal(key[..ApiKeyHasher.PrefixLength], listed["prefix"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await factory.Admin.DeleteAsync($"/api/v1/admin/api-keys/{id}")).StatusCode);
        // Refused at once on this node (the lookup cache drops the key).
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/incidents")).StatusCode);
        var revoked = (await ApiCalls.AssertStatusAsync(await factory.Admin.GetAsync("/api/v1/admin/api-keys"), HttpStatusCode.OK))
            .AsArray().Single(k => k!["id"]!.GetValue<int>() == id)!;
        Assert.NotNull(revoked["revokedAt"]);
        Assert.Single(await factory.AuditAsync("api-key.revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.NoContent, (await factory.Admin.DeleteAsync($"/api/v1/admin/api-keys/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_keys_are_refused_with_reasons()
    {
        var unknown = await ApiCalls.AssertProblemAsync(await ApiCalls.PostAsync(factory.Admin, "/api/v1/admin/api-keys", new
        {
            channel = "hotline-12345", permissions = WithUnknown,
        }), HttpStatusCode.UnprocessableEntity);
        var message = unknown["errors"]!["permissions"]![0]!.GetValue<string>();
        Assert.Contains("'admin'", message, StringComparison.Ordinal);
        Assert.Contains("'delete-all'", message, StringComparison.Ordinal);

        foreach (var channel in BadChannels)
        {
            var bad = await ApiCalls.AssertProblemAsync(await ApiCalls.PostAsync(factory.Admin, "/api/v1/admin/api-keys", new { channel, permissions = Read }),
                HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(bad["errors"]!["channel"]);
        }
        var scope = await ApiCalls.AssertProblemAsync(await ApiCalls.PostAsync(factory.Admin, "/api/v1/admin/api-keys",
            new { channel = "x", scopeCode = "999999", permissions = Read }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(scope["errors"]!["scopeCode"]);
        await ApiCalls.AssertProblemAsync(await factory.Admin.DeleteAsync("/api/v1/admin/api-keys/999999"), HttpStatusCode.NotFound);
    }
}
