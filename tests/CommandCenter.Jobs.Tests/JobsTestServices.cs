using CommandCenter.Data;
using CommandCenter.Data.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Jobs.Tests;

/// <summary>Data + Jobs registrations over a temporary SQLite file, migrated.</summary>
public sealed class JobsTestServices : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-jobs-tests", Guid.NewGuid().ToString("N"));

    private JobsTestServices(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; private set; }

    public static async Task<JobsTestServices> CreateAsync()
    {
        var instance = new JobsTestServices(null!);
        Directory.CreateDirectory(instance._folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:CommandCenter"] = $"Data Source={Path.Combine(instance._folder, "cc.db")}",
                ["Jobs:WorkerCount"] = "1",
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddCommandCenterData(configuration)
            .AddCommandCenterJobs(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        instance.Services = services;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
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
