using CommandCenter.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.BrowserTests;

/// <summary>
/// The real app on Kestrel at a loopback port, in demo mode on a small demo district (its own SQLite file),
/// exactly as `dotnet run` serves it: demo accounts, demo key, generated district (or, with <c>demo: false</c>, an empty
/// installation as a real district starts from).
/// </summary>
/// <remarks>
/// A given <c>folder</c> and <c>port</c> let a test stop the server and start another on the same database and address
/// (the wall's restart test); a given folder is left in place for the caller to delete.
/// </remarks>
public sealed class AppServer(string? folder = null, int port = 0, bool demo = true) : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Browser#2026pw";
    public const string DemoScale = "0.02";

    private readonly string _folder = folder ?? NewFolder();
    private readonly bool _ownsFolder = folder is null;

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "cc-browser-tests", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        UseKestrel(port);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Production");
        builder.UseSetting("urls", $"http://127.0.0.1:{port}");
        builder.UseSetting("ConnectionStrings:CommandCenter", $"Data Source={Path.Combine(_folder, "cc.db")}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        builder.UseSetting("Demo:Simulator:Enabled", "false"); // deterministic pages; the simulator has its own tests
        builder.UseSetting("Demo:Scale", DemoScale);
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task<T> QueryAsync<T>(Func<CommandCenterDbContext, Task<T>> query)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<CommandCenterDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsFolder)
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
}
