using System.Collections;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Data.Demo.BulkLoading;

/// <summary>PostgreSQL: binary COPY per table in one transaction, then every identity sequence moved past the explicit Ids.</summary>
internal sealed class PostgreSqlBulkLoader : IDemoBulkLoader
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<TableMap> _written = [];

    private PostgreSqlBulkLoader(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<PostgreSqlBulkLoader> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return new PostgreSqlBulkLoader(connection, transaction);
    }

    private static string Quote(TableMap table) =>
        table.Schema is null ? $"\"{table.Table}\"" : $"\"{table.Schema}\".\"{table.Table}\"";

    public async Task WriteAsync(TableMap table, IList rows, CancellationToken cancellationToken)
    {
        var columns = table.Columns;
        var copy = $"COPY {Quote(table)} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using (var importer = await _connection.BeginBinaryImportAsync(copy, cancellationToken))
        {
            var types = columns.Select(c => DbTypeOf(c)).ToArray();
            var n = 0;
            foreach (var entity in rows)
            {
                if ((++n & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                importer.StartRow();
                for (var c = 0; c < columns.Count; c++)
                {
                    var value = columns[c].GetProviderValue(entity!);
                    switch (value)
                    {
                        case null: importer.WriteNull(); break;
                        case int v: importer.Write(v, types[c]); break;
                        case long v: importer.Write(v, types[c]); break;
                        case double v: importer.Write(v, types[c]); break;
                        case bool v: importer.Write(v, types[c]); break;
                        case string v: importer.Write(v, types[c]); break;
                        case DateTime v: importer.Write(v, types[c]); break;
                        case DateOnly v: importer.Write(v, types[c]); break;
                        default: importer.Write(value, types[c]); break;
                    }
                }
            }
            await importer.CompleteAsync(cancellationToken);
        }
        _written.Add(table);
    }

    private static NpgsqlDbType DbTypeOf(ColumnMap column)
    {
        var store = column.StoreType;
        var paren = store.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            store = store[..paren].Trim();
        }
        return store switch
        {
            "integer" => NpgsqlDbType.Integer,
            "bigint" => NpgsqlDbType.Bigint,
            "smallint" => NpgsqlDbType.Smallint,
            "double precision" => NpgsqlDbType.Double,
            "real" => NpgsqlDbType.Real,
            "boolean" => NpgsqlDbType.Boolean,
            "text" => NpgsqlDbType.Text,
            "character varying" => NpgsqlDbType.Varchar,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            "timestamp without time zone" => NpgsqlDbType.Timestamp,
            "date" => NpgsqlDbType.Date,
            _ => throw new NotSupportedException($"Column {column.Name} has store type {column.StoreType}, which the COPY loader does not map."),
        };
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var table in _written.Where(t => t.IdentityColumn is not null))
        {
            var sql = $"SELECT setval(pg_get_serial_sequence('{Quote(table)}', '{table.IdentityColumn}'), MAX(\"{table.IdentityColumn}\")) FROM {Quote(table)} HAVING MAX(\"{table.IdentityColumn}\") IS NOT NULL";
            await using var command = new NpgsqlCommand(sql, _connection, _transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
