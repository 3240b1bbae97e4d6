using CommandCenter.Data.Providers;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;

namespace CommandCenter.Jobs.Scheduling;

/// <summary>Picks Hangfire's storage from Database:Provider: in-memory for the embedded SQLite, else the shared database.</summary>
public static class JobStorageFactory
{
    public static JobStorage Create(DatabaseOptions database) => database.Provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerStorage(
            database.EffectiveConnectionString,
            new SqlServerStorageOptions
            {
                // Hangfire.SqlServer otherwise looks for a SQL client by reflection.
                SqlClientFactory = SqlClientFactory.Instance,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.Zero,
            }),
        DatabaseProvider.PostgreSql => CreatePostgreSql(database.EffectiveConnectionString),
        _ => new InMemoryStorage(new InMemoryStorageOptions()),
    };

    private static PostgreSqlStorage CreatePostgreSql(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
