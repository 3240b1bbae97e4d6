using System.Net;
using System.Text.RegularExpressions;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommandCenter.Web.Tests.Security;

/// <summary>The security headers as served: on a page, an API error, a static file, the hub negotiation and an error page.</summary>
public sealed partial class SecurityHeadersTests(SecurityHeadersTests.Factory factory) : IClassFixture<SecurityHeadersTests.Factory>
{
    /// <summary>The field terminal path may use the camera and the position; nothing else may.</summary>
    public sealed class Factory : CommandCenterFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["SecurityHeaders:CameraPaths:0"] = "/m",
            ["SecurityHeaders:GeolocationPaths:0"] = "/m",
            ["Jobs:RunServer"] = "false",
        };
    }

    public static TheoryData<string, string> Responses => new()
    {
        { "GET", "/account/login" },
        { "GET", "/api/v1/incidents" },
        { "GET", "/api/v1/no-such-endpoint" },
        { "GET", "/app.css" },
        { "GET", "/_content/MudBlazor/MudBlazor.min.js" },
        { "POST", LiveHub.Path + "/negotiate?negotiateVersion=1" },
        { "GET", "/no-such-page" },
    };

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : []);

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_headers(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await factory.CreateBrowser().SendAsync(request);

        var csp = Single(response, "Content-Security-Policy");
        Assert.StartsWith("default-src 'self'; script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("SAMEORIGIN", Single(response, "X-Frame-Options"));
        Assert.Equal("camera=(), geolocation=(), microphone=(), payment=(), usb=()", Single(response, "Permissions-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "No HSTS over plain HTTP.");
    }

    [Fact]
    public async Task The_import_map_carries_the_nonce_of_its_own_response_and_no_other_inline_script()
    {
        await factory.CreateUserAsync("csp-duty", Roles.DutyOfficer);
        var client = await factory.SignedInBrowserAsync("csp-duty");
        var first = await client.GetAsync("/");
        var second = await client.GetAsync("/");
        var html = await first.Content.ReadAsStringAsync();

        var nonce = NonceInPolicy().Match(Single(first, "Content-Security-Policy")).Groups[1].Value;
        Assert.NotEqual(nonce, NonceInPolicy().Match(Single(second, "Content-Security-Policy")).Groups[1].Value);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        foreach (Match script in ScriptTag().Matches(html))
        {
            var tag = script.Value;
            Assert.True(tag.Contains(" src=", StringComparison.Ordinal) || tag.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal), $"Inline script without the nonce: {tag}");
        }
        Assert.DoesNotMatch(InlineHandler(), html);
    }

    [Fact]
    public async Task Listed_paths_may_use_the_camera_and_position()
    {
        var response = await factory.CreateBrowser().GetAsync("/m/report");
        Assert.Equal("camera=(self), geolocation=(self), microphone=(), payment=(), usb=()", Single(response, "Permissions-Policy"));
        var other = await factory.CreateBrowser().GetAsync("/mobile");
        Assert.Equal("camera=(), geolocation=(), microphone=(), payment=(), usb=()", Single(other, "Permissions-Policy"));
    }

    [Fact]
    public async Task Https_responses_carry_HSTS()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://cc.example.cn/"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Single(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("\\son(click|load|error|submit|change)=\"", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
