using System.Collections;
using System.Data;
using Microsoft.Data.SqlClient;

namespace CommandCenter.Data.Demo.BulkLoading;

/// <summary>SQL Server: SqlBulkCopy with KeepIdentity (identity seeds follow the highest explicit Id) and CheckConstraints (foreign keys stay trusted), in one transaction.</summary>
internal sealed class SqlServerBulkLoader : IDemoBulkLoader
{
    private const int ChunkRows = 50_000;
    private readonly SqlConnection _connection;
    private readonly SqlTransaction _transaction;

    private SqlServerBulkLoader(SqlConnection connection, SqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<SqlServerBulkLoader> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
        return new SqlServerBulkLoader(connection, transaction);
    }

    public async Task WriteAsync(TableMap table, IList rows, CancellationToken cancellationToken)
    {
        using var bulk = new SqlBulkCopy(_connection, SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.KeepNulls, _transaction)
        {
            DestinationTableName = table.Schema is null ? $"[{table.Table}]" : $"[{table.Schema}].[{table.Table}]",
            BatchSize = ChunkRows,
            BulkCopyTimeout = 0,
        };
        using var data = new DataTable(table.Table) { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var column in table.Columns)
        {
            data.Columns.Add(column.Name, column.ProviderType == typeof(DateOnly) ? typeof(DateTime) : column.ProviderType);
            bulk.ColumnMappings.Add(column.Name, column.Name);
        }
        var values = new object[table.Columns.Count];
        for (var start = 0; start < rows.Count; start += ChunkRows)
        {
            data.Clear();
            var end = Math.Min(rows.Count, start + ChunkRows);
            for (var i = start; i < end; i++)
            {
                for (var c = 0; c < values.Length; c++)
                {
                    var value = table.Columns[c].GetProviderValue(rows[i]!);
                    values[c] = value switch
                    {
                        null => DBNull.Value,
                        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                        _ => value,
                    };
                }
                data.Rows.Add(values);
            }
            await bulk.WriteToServerAsync(data, cancellationToken);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken) => await _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
