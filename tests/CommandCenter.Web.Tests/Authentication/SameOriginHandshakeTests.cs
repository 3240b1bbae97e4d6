using System.Net;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Http;

namespace CommandCenter.Web.Tests.Authentication;

public sealed class SameOriginHandshakeTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    [Fact]
    public async Task Foreign_origin_on_the_blazor_handshake_gets_403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "http://evil.example");

        var response = await factory.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Same_origin_handshake_passes_on_to_authentication()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "http://localhost");

        var response = await factory.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost:5000", "localhost:5000", true)]
    [InlineData("https://cc.example.gov.cn", "cc.example.gov.cn", true)]
    [InlineData("http://localhost:5001", "localhost:5000", false)]
    [InlineData("http://evil.example", "cc.example.gov.cn", false)]
    [InlineData("null", "localhost", false)]
    public void Same_host_rule(string origin, string host, bool expected) =>
        Assert.Equal(expected, SameOriginHandshakeMiddleware.IsSameHost(origin, new HostString(host)));
}
