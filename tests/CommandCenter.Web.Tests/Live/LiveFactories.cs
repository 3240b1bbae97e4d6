using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

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
public sealed class FakeClockLiveFactory : LiveApiFactory
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
