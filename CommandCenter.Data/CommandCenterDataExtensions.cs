using CommandCenter.Data.Auditing;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Data.Patrols;
using CommandCenter.Data.Providers;
using CommandCenter.Data.ServiceOrders;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Data;

public static class CommandCenterDataExtensions
{
    /// <summary>
    /// Registers the database chosen by Database:Provider: a context factory for components and jobs,
    /// a scoped context for requests, and the migrator.
    /// </summary>
    public static IServiceCollection AddCommandCenterData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var database = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.SectionName).Bind(database);
        database.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);

        switch (database.Provider)
        {
            case DatabaseProvider.PostgreSql:
                AddContext<PostgreSqlCommandCenterDbContext>(services, database);
                break;
            case DatabaseProvider.SqlServer:
                AddContext<SqlServerCommandCenterDbContext>(services, database);
                break;
            default:
                AddContext<SqliteCommandCenterDbContext>(services, database);
                break;
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CommandCenterDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<GridLocator>();
        services.TryAddSingleton<ILiveFeed, InProcessLiveFeed>();
        services.AddSingleton<IncidentIntakeService>();
        services.AddSingleton<IncidentTransitionService>();
        services.AddOptions<SlaWatchOptions>().Bind(configuration.GetSection(SlaWatchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SlaWatcher>();
        services.AddSingleton<PatrolService>();
        services.AddSingleton<SosIntakeService>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ServiceOrderService>();
        services.AddSingleton<ReferenceDataSeeder>();
        services.AddSingleton<DemoDistrictSeeder>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<AuditChainVerifier>();
        return services;
    }

    private static void AddContext<TContext>(IServiceCollection services, DatabaseOptions database)
        where TContext : CommandCenterDbContext
    {
        services.AddDbContextFactory<TContext>(o =>
            DatabaseRegistration.Configure(o, database.Provider, database.EffectiveConnectionString));
        services.AddSingleton<IDbContextFactory<CommandCenterDbContext>>(sp =>
            new ProviderContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    /// <summary>Hands out the provider's context as the common type.</summary>
    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CommandCenterDbContext>
        where TContext : CommandCenterDbContext
    {
        public CommandCenterDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<CommandCenterDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
