using System.Net;
using System.Text.RegularExpressions;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.TestHost;

/// <summary>The whole app on an in-memory TestServer with its own temporary SQLite file; demo mode off.</summary>
/// <remarks>Subclasses add settings through <see cref="ExtraSettings"/> (e.g. the API's rate limits).</remarks>
public partial class CommandCenterFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test#2026pass"; // 12+ characters: demo mode is off

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-web-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_folder, "cc.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:CommandCenter", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Enabled", "false");
        // One administrator does everything unless a test separates the duties (三员分立 is on by default outside demo mode).
        builder.UseSetting("Security:SeparateAdministrators", "false");
        builder.UseSetting("Jobs:WorkerCount", "1");
        // Outside demo mode Admins must enrol a second factor; tests that want that set it (TwoFactorSignInTests).
        builder.UseSetting("Security:RequireTwoFactorFor", "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Settings applied after the defaults above.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<AppUser> CreateUserAsync(string userName, string role, string password = Password, bool disabled = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = $"测试{userName}", IsDisabled = disabled, CreatedAt = DateTime.UtcNow };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    public async Task WithDbAsync(Func<CommandCenterDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>());
    }

    /// <summary>Posts the login form like a browser: reads the antiforgery token from the page first.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, "The login form has no antiforgery token.");

        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        var url = returnUrl is null ? "/account/login" : $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostAsync(url, form);
    }

    public async Task<HttpClient> SignedInBrowserAsync(string userName, string password = Password)
    {
        var client = CreateBrowser();
        var response = await PostLoginAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryToken();
}
