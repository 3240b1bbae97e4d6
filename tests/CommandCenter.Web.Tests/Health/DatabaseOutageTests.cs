using System.Diagnostics;
using System.Net;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommandCenter.Web.Tests.Health;

/// <summary>The API district on a throw-away PostgreSQL database reached through a <see cref="TcpRelay"/> the test can cut.</summary>
public sealed class RelayedPostgresApiFactory : ApiFactory
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
    private readonly string _server = Environment.GetEnvironmentVariable("COMMANDCENTER_TEST_POSTGRES") is { Length: > 0 } value ? value : DefaultServer;
    private readonly string _name = $"cc_outage_{Guid.NewGuid():N}";

    public RelayedPostgresApiFactory()
    {
        var server = new NpgsqlConnectionStringBuilder(_server);
        Relay = new TcpRelay(server.Host == "localhost" ? "127.0.0.1" : server.Host!, server.Port);
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        command.ExecuteNonQuery();
    }

    public TcpRelay Relay { get; }

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:CommandCenter"] = new NpgsqlConnectionStringBuilder(_server)
        {
            Host = "127.0.0.1", Port = Relay.Port, Database = _name, Timeout = 2,
        }.ConnectionString,
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Relay.Dispose();
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_server);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>With the database gone, the API answers 503 with Retry-After at once, and a retry after it returns stores the report once.</summary>
public sealed class DatabaseOutageTests(RelayedPostgresApiFactory factory, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<RelayedPostgresApiFactory>
{
    [Fact]
    public async Task Intake_answers_503_with_Retry_After_while_the_database_is_away_and_a_retry_stores_once()
    {
        var client = factory.ApiClient(factory.District.Key);
        await ApiCalls.AssertStatusAsync(await ApiCalls.PostAsync(client, "/api/v1/incidents", ApiCalls.Incident("停电前"), Guid.NewGuid().ToString("N")), HttpStatusCode.Created);
        var browser = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz/ready")).StatusCode);

        factory.Relay.Cut();
        try
        {
            var key = Guid.NewGuid().ToString("N");
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var watch = Stopwatch.StartNew();
                var response = await ApiCalls.PostAsync(client, "/api/v1/incidents", ApiCalls.Incident("停电时上报"), key);
                watch.Stop();
                var problem = await ApiCalls.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
                Assert.DoesNotContain("Npgsql", problem.ToJsonString(), StringComparison.Ordinal);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"answered after {watch.Elapsed}");
                output.WriteLine($"outage attempt {attempt + 1}: 503 after {watch.Elapsed.TotalMilliseconds:0} ms");
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync("/healthz/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz/live")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync("/healthz")).StatusCode);

            factory.Relay.Restore();
            var recovery = Stopwatch.StartNew();
            HttpResponseMessage? stored = null;
            for (var attempt = 0; attempt < 20 && stored?.StatusCode != HttpStatusCode.Created; attempt++)
            {
                stored = await ApiCalls.PostAsync(client, "/api/v1/incidents", ApiCalls.Incident("停电时上报"), key);
                if (stored.StatusCode != HttpStatusCode.Created)
                {
                    await Task.Delay(250);
                }
            }
            await ApiCalls.AssertStatusAsync(stored!, HttpStatusCode.Created);
            output.WriteLine($"stored {recovery.Elapsed.TotalMilliseconds:0} ms after the database returned");
            await ApiCalls.AssertStatusAsync(await ApiCalls.PostAsync(client, "/api/v1/incidents", ApiCalls.Incident("停电时上报"), key), HttpStatusCode.Created);
            Assert.Equal(1, await factory.QueryAsync(db => db.Incidents.CountAsync(i => i.Title == "停电时上报")));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz/ready")).StatusCode);
        }
        finally
        {
            factory.Relay.Restore();
        }
    }
}

/// <summary>A node started while its database is down waits for it (logging each attempt) instead of exiting.</summary>
public sealed class StartWithoutDatabaseTests
{
    [Fact]
    public async Task Start_up_waits_for_the_database_and_then_serves()
    {
        using var factory = new RelayedPostgresApiFactory();
        factory.Relay.Cut();
        var watch = Stopwatch.StartNew();
        var restore = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ => factory.Relay.Restore(), TaskScheduler.Default);

        await factory.InitializeAsync();

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.5), $"started after {watch.Elapsed}, before the database came back");
        await restore;
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowser().GetAsync("/healthz/ready")).StatusCode);
    }
}
