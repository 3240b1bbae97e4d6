using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.LoadTests;

/// <summary>
/// The app under load: the real <c>Program</c> on Kestrel at 127.0.0.1 (free port) with a fresh temporary SQLite file,
/// a seeded district (610202, one street, one community, 8 grids) and one unscoped API key. Disposing stops the app
/// and deletes the folder unless <c>keep</c>.
/// </summary>
internal sealed class LoadHost : IAsyncDisposable
{
    private readonly bool _keep;

    private LoadHost(LoadAppFactory app, Uri address, string key, string folder, string databasePath, bool keep)
    {
        App = app;
        Address = address;
        Key = key;
        Folder = folder;
        DatabasePath = databasePath;
        _keep = keep;
    }

    public const string DistrictCode = "610202";

    public LoadAppFactory App { get; }
    public Uri Address { get; }
    public string Key { get; }
    public string Folder { get; }
    public string DatabasePath { get; }
    public IServiceProvider Services => App.Services;

    public static async Task<LoadHost> StartAsync(bool keep, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var databasePath = Path.Combine(folder, "cc.db");
        var app = new LoadAppFactory(databasePath, settings ?? new Dictionary<string, string>());
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).First(a => a.Host is "127.0.0.1" or "localhost");
        var key = await SeedAsync(app.Services);
        return new LoadHost(app, address, key, folder, databasePath, keep);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_keep)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static async Task<string> SeedAsync(IServiceProvider services)
    {
        const string Square = """{"type":"Polygon","coordinates":[[[109.0,35.0],[109.01,35.0],[109.01,35.01],[109.0,35.01],[109.0,35.0]]]}""";
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandCenterDbContext>();
        var district = new District { Code = DistrictCode, Name = "王益区", Boundary = Square };
        var street = new Street { District = district, Code = "610202001", Name = "七一路街道", Boundary = Square };
        var community = new Community { Street = street, Code = "610202001001", Name = "青年路社区", Boundary = Square };
        db.Add(community);
        await db.SaveChangesAsync();
        db.Grids.AddRange(Enumerable.Range(1, 8).Select(i => new Grid
        {
            CommunityId = community.Id, StreetId = street.Id, Code = $"610202001001{i:000}", Name = $"第{i}网格", Boundary = Square,
        }));
        var key = ApiKeyHasher.NewKey();
        db.ApiKeys.Add(new ApiKey { Name = "load", Channel = "grid-worker-app", Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key), Permissions = ApiKeyPermissionNames.Legacy, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return key;
    }

    /// <summary>A report body for grid n % 8 of the seeded community.</summary>
    public static string IncidentBody(int n) =>
        $$"""{"title":"井盖缺失 {{n}}","description":"压测","categoryCode":"E0101","priority":"normal","gridCode":"610202001001{{(n % 8) + 1:000}}","reporterName":"王五","reporterPhone":"13800138000"}""";
}

/// <summary>The real app (Program) with its own SQLite file, demo off, logs at Warning, rate limits out of the way, plus extra settings.</summary>
internal sealed class LoadAppFactory(string databasePath, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:CommandCenter", $"Data Source={databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command",
            Environment.GetEnvironmentVariable("CC_LOAD_LOG_SQL") == "1" ? "Information" : "Warning");
        builder.UseSetting("Api:RateLimit:PermitsPerSecond", "100000");
        builder.UseSetting("Api:RateLimit:Burst", "100000");
        foreach (var (name, value) in settings)
        {
            builder.UseSetting(name, value);
        }
    }
}
