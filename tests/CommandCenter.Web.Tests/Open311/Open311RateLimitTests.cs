using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;

namespace CommandCenter.Web.Tests.Open311;

/// <summary>Its own app: a bucket of one request per second.</summary>
public sealed class Open311RateLimitTests : IDisposable
{
    private readonly CommandCenterFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Over_the_limit_is_429_with_retry_after_and_the_error_list()
    {
        var limited = _factory.WithWebHostBuilder(b => b.UseSetting("Api:RateLimit:Burst", "1").UseSetting("Api:RateLimit:PermitsPerSecond", "1"));
        var key = ApiKeyHasher.NewKey();
        await _factory.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey { Name = "limited", Channel = "open311", Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key), Permissions = ApiKeyPermissionNames.Legacy, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var client = limited.CreateClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await client.GetAsync($"/open311/v2/services.json?api_key={Uri.EscapeDataString(key)}"));
        }

        var rejected = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(rejected.Headers.RetryAfter is not null);
        await Open311Fixture.ErrorsAsync(rejected, 429, "json");
    }
}
