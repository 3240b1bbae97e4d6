using CommandCenter.Data.Demo;
using CommandCenter.Data.Providers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Demo;

public static class DemoMode
{
    /// <summary>
    /// Binds Demo options. Demo:Enabled defaults to on only for the embedded SQLite default
    /// (provider Sqlite and no connection string), so a production database never gets demo accounts by accident.
    /// </summary>
    public static IServiceCollection AddDemoMode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.SectionName))
            .PostConfigure<IOptions<DatabaseOptions>>((demo, database) => demo.Enabled ??= IsEmbeddedDefault(database.Value))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddScoped<DemoAccounts>();
        return services;
    }

    public static bool IsEmbeddedDefault(DatabaseOptions database) => DemoOptions.IsDemoMode(null, database);
}
