using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using CommandCenter.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CommandCenter.Web.Tests.Live;

/// <summary>The API district with live metrics reloaded after seeding (the first load ran on the empty database).</summary>
public class LiveApiFactory : ApiFactory
{
    public LiveMetrics Metrics => Services.GetRequiredService<LiveMetrics>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Metrics.WhenLoaded.WaitAsync(TimeSpan.FromSeconds(30));
        await Metrics.ReloadAsync();
    }
}

/// <summary>The same on a fake clock (10:00 China time on 10 March 2026), so tests can run the SLA clocks and cross midnight.</summary>
public class FakeClockLiveFactory : LiveApiFactory
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }
}

/// <summary>The fake-clock app on a throw-away PostgreSQL database (127.0.0.1:5432 or COMMANDCENTER_TEST_POSTGRES), migrated at start.</summary>
public sealed class PostgresFakeClockLiveFactory : FakeClockLiveFactory
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
    private readonly string _server = Environment.GetEnvironmentVariable("COMMANDCENTER_TEST_POSTGRES") is { Length: > 0 } value ? value : DefaultServer;
    private readonly string _name = $"cc_live_{Guid.NewGuid():N}";

    public PostgresFakeClockLiveFactory()
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        command.ExecuteNonQuery();
    }

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:CommandCenter"] = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString,
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_server);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
    }
}
