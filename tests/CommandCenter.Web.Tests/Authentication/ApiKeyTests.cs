using System.Net;
using System.Net.Http.Json;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Authentication;

public sealed class ApiKeyTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    private async Task<string> AddKeyAsync(string channel, string? scope = null, bool revoked = false)
    {
        var key = ApiKeyHasher.NewKey();
        await factory.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = $"key-{channel}",
                Channel = channel,
                Prefix = ApiKeyHasher.PrefixOf(key),
                KeyHash = ApiKeyHasher.Hash(key),
                ScopeCode = scope,
                Permissions = ApiKeyPermissionNames.Legacy, CreatedAt = DateTime.UtcNow,
                RevokedAt = revoked ? DateTime.UtcNow : null,
            });
            await db.SaveChangesAsync();
        });
        return key;
    }

    private async Task<HttpResponseMessage> GetWithKeyAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(AuthenticationSchemeNames.ApiKeyHeader, key);
        return await factory.CreateBrowser().SendAsync(request);
    }

    [Fact]
    public async Task Valid_key_authenticates_with_channel_and_scope_claims()
    {
        var key = await AddKeyAsync("hotline-12345", scope: "610202001");

        var response = await GetWithKeyAsync("/api/me", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await response.Content.ReadFromJsonAsync<AccountEndpoints.CallerInfo>();
        Assert.Equal("key-hotline-12345", caller!.Name);
        Assert.Equal(AuthenticationSchemeNames.ApiKey, caller.AuthenticationType);
        Assert.Equal("hotline-12345", caller.Channel);
        Assert.Equal("610202001", caller.Scope);
    }

    [Fact]
    public async Task A_key_in_use_records_when_it_was_last_used()
    {
        var key = await AddKeyAsync("last-used");
        var hash = ApiKeyHasher.Hash(key);
        DateTime? before = null;
        await factory.WithDbAsync(async db => before = (await db.ApiKeys.SingleAsync(k => k.KeyHash == hash)).LastUsedAt);

        Assert.Equal(HttpStatusCode.OK, (await GetWithKeyAsync("/api/me", key)).StatusCode);

        DateTime? after = null;
        await factory.WithDbAsync(async db => after = (await db.ApiKeys.SingleAsync(k => k.KeyHash == hash)).LastUsedAt);
        Assert.Null(before);
        Assert.NotNull(after);
        Assert.InRange(after!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Revoked_key_gets_401()
    {
        var key = await AddKeyAsync("revoked", revoked: true);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithKeyAsync("/api/me", key)).StatusCode);
    }

    [Fact]
    public async Task Wrong_key_gets_401()
    {
        await AddKeyAsync("real");

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithKeyAsync("/api/me", "cc_not_a_real_key_000000")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_api_call_gets_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowser().GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Key_without_admin_role_gets_403_from_the_dashboard()
    {
        var key = await AddKeyAsync("dashboard-probe");

        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithKeyAsync("/hangfire", key)).StatusCode);
    }
}
