using CommandCenter.Data.Analytics;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Imports;
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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

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
        services.AddSingleton<HierarchyBoundaries>();
        services.AddSingleton<IReferenceDataCache>(sp => sp.GetRequiredService<GridLocator>());
        AddLiveFeed(services, configuration);
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IncidentIntakeService>();
        services.AddSingleton<IReferenceDataCache>(sp => sp.GetRequiredService<IncidentIntakeService>());
        services.AddSingleton<IncidentTransitionService>();
        services.AddSingleton<IncidentQueries>();
        services.AddSingleton<IncidentReporterReveal>();
        services.AddSingleton<Statistics.StatisticsQueries>();
        services.AddOptions<SlaWatchOptions>().Bind(configuration.GetSection(SlaWatchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SlaWatcher>();
        services.AddSingleton<PatrolService>();
        services.AddSingleton<SosIntakeService>();
        services.AddSingleton<SosAcknowledgementService>();
        services.AddSingleton<UnregisteredSosLimiter>();
        services.AddSingleton<SupervisionReminderService>();
        services.AddSingleton<ServiceOrderService>();
        services.AddSingleton<ReferenceDataSeeder>();
        services.AddSingleton<ReferenceDataEditor>();
        services.AddHostedService<ReferenceCacheInvalidation>();
        services.AddSingleton<Registry.RegistryQueries>();
        services.AddSingleton<DemoDistrictSeeder>();
        services.AddCommandCenterAnalytics(configuration);
        services.AddCommandCenterImports(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new Security.InstallationSecrets(
            configuration, sp.GetService<IOptions<DatabaseOptions>>(), sp.GetService<ILogger<Security.InstallationSecrets>>()));
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<AuditChainVerifier>();
        services.TryAddSingleton<AuditQueries>();
        services.AddOptions<Identity.FailureThrottleOptions>().Bind(configuration.GetSection(Identity.FailureThrottleOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SosOptions>().Bind(configuration.GetSection(SosOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Identity.FailureThrottle>();
        return services;
    }

    /// <summary>
    /// The live feed: Redis pub/sub (one multiplexer per process) when ConnectionStrings:Redis is set, in-process otherwise.
    /// abortConnect=false: the node starts and serves while Redis is down, and reconnects by itself.
    /// </summary>
    private static void AddLiveFeed(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName));
        var redis = configuration.GetConnectionString(RedisOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
            services.TryAddSingleton<ILiveFeed>(sp => new RedisLiveFeed(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<IOptions<RedisOptions>>().Value.LiveChannel,
                sp.GetRequiredService<ILogger<RedisLiveFeed>>()));
        }
        services.TryAddSingleton<ILiveFeed, InProcessLiveFeed>();
    }

    private static void AddContext<TContext>(IServiceCollection services, DatabaseOptions database)
        where TContext : CommandCenterDbContext
    {
        // Pooled: a request makes many short-lived contexts; reusing them (and their SQLite connection objects) halves the per-use cost.
        services.AddPooledDbContextFactory<TContext>(o =>
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
