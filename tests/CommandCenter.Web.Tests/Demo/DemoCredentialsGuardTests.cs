using CommandCenter.Data.Demo;
using CommandCenter.Web.Demo;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tests.Demo;

/// <summary>Demo credentials never face a network: default demo password or key + a non-loopback address = no start.</summary>
public sealed class DemoCredentialsGuardTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static readonly DemoOptions DefaultDemo = new() { Enabled = true };

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://[::]:5000")]
    [InlineData("http://*:5000")]
    [InlineData("http://+:5000")]
    [InlineData("http://192.168.1.20:5000")]
    [InlineData("https://cc.district.gov.cn")]
    [InlineData("http://127.0.0.1:5000;http://0.0.0.0:5001")]
    public void Default_credentials_on_a_network_address_are_refused(string urls)
    {
        var problem = DemoCredentialsGuard.Problem(Settings(("urls", urls)), DefaultDemo);

        Assert.NotNull(problem);
        Assert.Contains("the default demo password (set Demo:Password)", problem, StringComparison.Ordinal);
        Assert.Contains("the default demo API key (set Demo:ApiKey)", problem, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://127.0.0.1:5000;https://[::1]:5001")]
    [InlineData("http://unix:/run/commandcenter.sock")]
    public void Loopback_is_fine(string urls) =>
        Assert.Null(DemoCredentialsGuard.Problem(Settings(("urls", urls)), DefaultDemo));

    [Fact]
    public void Nothing_configured_means_Kestrels_localhost() =>
        Assert.Null(DemoCredentialsGuard.Problem(Settings(), DefaultDemo));

    [Fact]
    public void Ports_and_Kestrel_endpoints_count_too()
    {
        Assert.NotNull(DemoCredentialsGuard.Problem(Settings(("http_ports", "8080")), DefaultDemo));
        Assert.NotNull(DemoCredentialsGuard.Problem(Settings(("urls", "http://localhost:5000"), ("Kestrel:Endpoints:Lan:Url", "http://10.1.2.3:80")), DefaultDemo));
    }

    [Fact]
    public void Own_credentials_or_no_demo_mode_lift_it()
    {
        var network = Settings(("urls", "http://0.0.0.0:5000"));
        Assert.Null(DemoCredentialsGuard.Problem(network, new DemoOptions { Enabled = true, Password = "Own#district26", ApiKey = "cc_own_key_1234567890" }));
        Assert.Null(DemoCredentialsGuard.Problem(network, new DemoOptions { Enabled = false }));

        // A configured password lifts the refusal (the rule); the default key is then revoked, not served.
        var keyLeft = new DemoOptions { Enabled = true, Password = "Own#district26" };
        Assert.Null(DemoCredentialsGuard.Problem(network, keyLeft));
        Assert.True(DemoCredentialsGuard.DefaultKeyExposed(network, keyLeft));
        Assert.False(DemoCredentialsGuard.DefaultKeyExposed(Settings(("urls", "http://127.0.0.1:5000")), keyLeft));
    }

    [Fact]
    public async Task With_its_own_password_but_the_default_key_it_starts_and_refuses_that_key()
    {
        using var app = new ExposedDemo(("Demo:Password", "Own#2026cc"));

        Assert.True((await app.CreateBrowser().GetAsync("/healthz")).IsSuccessStatusCode);
        var client = app.CreateBrowser();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", DemoCredentialsGuard.DefaultApiKey);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/incidents")).StatusCode);
    }

    /// <summary>The app in demo mode, configured to listen on every interface (the in-memory test server ignores it).</summary>
    private sealed class ExposedDemo(params (string Key, string Value)[] settings) : CommandCenterFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(
            settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
        {
            ["urls"] = "http://0.0.0.0:5123",
            ["Demo:Enabled"] = "true",
            ["Demo:Scale"] = "0.001",
            ["Demo:Simulator:Enabled"] = "false",
            ["Jobs:RunServer"] = "false",
        };
    }

    [Fact]
    public void The_app_does_not_start_on_0_0_0_0_with_the_default_demo_password()
    {
        using var app = new ExposedDemo();

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        var message = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("the default demo password (set Demo:Password)", message, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:5123", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_its_own_demo_password_and_key_it_starts_and_keeps_the_demo_minimum()
    {
        using var app = new ExposedDemo(("Demo:Password", "Own#2026cc"), ("Demo:ApiKey", "cc_own_demo_key_0123456789"));

        var response = await app.CreateBrowser().GetAsync("/healthz");

        Assert.True(response.IsSuccessStatusCode, $"healthz: {(int)response.StatusCode}");
        Assert.Equal(8, app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Password.RequiredLength);
        await app.SignedInBrowserAsync("duty", "Own#2026cc");
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
