using System.Collections.Concurrent;
using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>X-Forwarded-For/Proto count only from the proxies in Network:KnownProxies / Network:KnownNetworks.</summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.Factory factory) : IClassFixture<ForwardedHeadersTests.Factory>
{
    /// <summary>The test client's connection address, set from this header before the app sees the request.</summary>
    private const string PeerHeader = "X-Test-Peer";

    /// <summary>A proxy at 10.0.0.5 and a proxy network 192.168.10.0/24; what the app saw of each request is recorded.</summary>
    public sealed class Factory : CommandCenterFactory
    {
        public ConcurrentDictionary<string, (IPAddress? Remote, bool IsHttps)> Seen { get; } = new();

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Network:KnownProxies:0"] = "10.0.0.5",
            ["Network:KnownNetworks:0"] = "192.168.10.0/24",
            ["Jobs:RunServer"] = "false",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new PeerFilter(Seen)));
        }
    }

    private sealed class PeerFilter(ConcurrentDictionary<string, (IPAddress?, bool)> seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].ToString());
                await inner(context);
                seen[context.Request.Headers["X-Test-Id"].ToString()] = (context.Connection.RemoteIpAddress, context.Request.IsHttps);
            });
            next(app);
        };
    }

    private async Task<(IPAddress? Remote, bool IsHttps, HttpResponseMessage Response)> SendAsync(string peer, HttpRequestMessage request)
    {
        var id = Guid.NewGuid().ToString("N");
        request.Headers.Add(PeerHeader, peer);
        request.Headers.Add("X-Test-Id", id);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await factory.CreateBrowser().SendAsync(request);
        var (remote, isHttps) = factory.Seen[id];
        return (remote, isHttps, response);
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("192.168.10.77")]
    public async Task A_configured_proxy_is_believed(string proxy)
    {
        var (remote, isHttps, _) = await SendAsync(proxy, new HttpRequestMessage(HttpMethod.Get, "/healthz"));

        Assert.Equal(IPAddress.Parse("203.0.113.7"), remote);
        Assert.True(isHttps);
    }

    [Theory]
    [InlineData("10.0.0.6")]
    [InlineData("127.0.0.1")]
    [InlineData("192.168.11.1")]
    public async Task Anyone_else_is_not(string peer)
    {
        var (remote, isHttps, _) = await SendAsync(peer, new HttpRequestMessage(HttpMethod.Get, "/healthz"));

        Assert.Equal(IPAddress.Parse(peer), remote);
        Assert.False(isHttps);
    }

    [Fact]
    public async Task Behind_the_proxy_the_sign_in_cookie_is_Secure()
    {
        await factory.CreateUserAsync("fwd-duty", Roles.DutyOfficer);
        var page = await SendAsync("10.0.0.5", new HttpRequestMessage(HttpMethod.Get, "/account/login"));
        var html = await page.Response.Content.ReadAsStringAsync();
        var token = CommandCenterFactory.AntiforgeryToken().Match(html).Groups[1].Value;
        var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.UserName"] = "fwd-duty",
                ["Input.Password"] = CommandCenterFactory.Password,
            }),
        };
        foreach (var cookie in page.Response.Headers.GetValues("Set-Cookie"))
        {
            login.Headers.Add("Cookie", cookie.Split(';')[0]);
        }

        var (_, _, response) = await SendAsync("10.0.0.5", login);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var auth = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CommandCenter.Auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
    }
}
