using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CommandCenter.Web.Health;

/// <summary>
/// Health endpoints for proxies, systemd and Kubernetes: <c>/healthz/live</c> (the process answers),
/// <c>/healthz/ready</c> (database reachable, migrations applied, Redis reachable when configured, intake not saturated)
/// and <c>/healthz</c> (the database, as before). Each answers only Healthy/Unhealthy, never the reason.
/// </summary>
public static class HealthSetup
{
    private const string Ready = "ready";

    public static IServiceCollection AddCommandCenterHealth(this IServiceCollection services)
    {
        services.AddExceptionHandler<ServiceUnavailableHandler>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready])
            .AddCheck<RedisHealthCheck>("redis", tags: [Ready])
            .AddCheck<IntakeHealthCheck>("intake", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapCommandCenterHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Name == "database" }).AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        return endpoints;
    }
}

/// <summary>Unhealthy while migrations are pending (a node started on a database an older or newer node migrated).</summary>
internal sealed class MigrationsHealthCheck(IDbContextFactory<CommandCenterDbContext> contextFactory) : IHealthCheck
{
    private volatile bool _applied;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_applied)
        {
            return HealthCheckResult.Healthy();
        }
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            // Once applied, they stay applied for the life of this process: later checks cost nothing.
            _applied = !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
            return _applied ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Migrations are pending.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}

/// <summary>Healthy without Redis configured; otherwise while the multiplexer is connected.</summary>
internal sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(services.GetService<IConnectionMultiplexer>() is not { } redis || redis.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Redis cannot be reached."));
}

/// <summary>Unhealthy while intake holds nine tenths of <see cref="IntakeOptions.MaxQueued"/>: the proxy sends reports elsewhere.</summary>
internal sealed class IntakeHealthCheck(IncidentIntakeService intake, IOptions<IntakeOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(intake.Queued < options.Value.MaxQueued * 9 / 10
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Intake is saturated."));
}
