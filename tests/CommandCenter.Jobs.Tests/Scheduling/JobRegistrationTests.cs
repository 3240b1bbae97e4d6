using CommandCenter.Data.Providers;
using CommandCenter.Jobs.Auditing;
using CommandCenter.Jobs.Incidents;
using CommandCenter.Jobs.Live;
using CommandCenter.Jobs.Scheduling;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Jobs.Tests.Scheduling;

public sealed class JobRegistrationTests : IAsyncLifetime
{
    private JobsTestServices _host = null!;

    public async Task InitializeAsync() => _host = await JobsTestServices.CreateAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Sqlite_picks_in_memory_storage_per_service_provider()
    {
        var storage = _host.Services.GetRequiredService<JobStorage>();

        Assert.IsType<InMemoryStorage>(storage);
        Assert.IsType<InMemoryStorage>(JobStorageFactory.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }));
    }

    [Fact]
    public void Job_classes_are_built_by_dependency_injection()
    {
        using var scope = _host.Services.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<AuditChainVerificationJob>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<SlaWatchJob>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<LiveMetricsResyncJob>());
    }

    [Fact]
    public async Task The_hosted_service_registers_the_daily_audit_check()
    {
        foreach (var hosted in _host.Services.GetServices<IHostedService>().OfType<RecurringJobRegistration>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        using var connection = _host.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs();
        var audit = Assert.Single(recurring, j => j.Id == RecurringJobRegistration.AuditChainVerificationId);
        Assert.Equal(Cron.Daily(18), audit.Cron);
        Assert.Equal(typeof(AuditChainVerificationJob), audit.Job.Type);
        var watch = Assert.Single(recurring, j => j.Id == RecurringJobRegistration.SlaWatchId);
        Assert.Equal(Cron.Minutely(), watch.Cron);
        Assert.Equal(typeof(SlaWatchJob), watch.Job.Type);
        var resync = Assert.Single(recurring, j => j.Id == RecurringJobRegistration.LiveMetricsResyncId);
        Assert.Equal(Cron.Minutely(), resync.Cron);
        Assert.Equal(typeof(LiveMetricsResyncJob), resync.Job.Type);
    }

    [Fact]
    public void Worker_count_is_explicit()
    {
        var options = _host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value;

        Assert.Equal(1, options.WorkerCount);
    }
}
