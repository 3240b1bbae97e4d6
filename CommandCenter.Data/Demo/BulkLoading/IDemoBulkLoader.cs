using System.Collections;
using CommandCenter.Data.Providers;

namespace CommandCenter.Data.Demo.BulkLoading;

/// <summary>Writes whole tables of generated rows with a provider's fast path, all in one transaction.</summary>
public interface IDemoBulkLoader : IAsyncDisposable
{
    /// <summary>Writes <paramref name="rows"/> (entities of <see cref="TableMap.EntityType"/>) with their explicit keys.</summary>
    Task WriteAsync(TableMap table, IList rows, CancellationToken cancellationToken);

    /// <summary>Makes identity columns continue after the explicit keys, and commits.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}

/// <summary>Picks the loader for the configured provider.</summary>
public static class DemoBulkLoader
{
    public static async Task<IDemoBulkLoader> OpenAsync(DatabaseProvider provider, string connectionString, CancellationToken cancellationToken) => provider switch
    {
        DatabaseProvider.Sqlite => await SqliteBulkLoader.OpenAsync(connectionString, cancellationToken),
        DatabaseProvider.PostgreSql => await PostgreSqlBulkLoader.OpenAsync(connectionString, cancellationToken),
        DatabaseProvider.SqlServer => await SqlServerBulkLoader.OpenAsync(connectionString, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}
