using System.Collections;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Data.Demo.BulkLoading;

/// <summary>
/// SQLite: one transaction, a prepared multi-row INSERT per table with parameters bound exactly as EF binds them
/// (Microsoft.Data.Sqlite writes DateTime as 'yyyy-MM-dd HH:mm:ss.FFFFFFF', DateOnly as 'yyyy-MM-dd', bool as 0/1).
/// </summary>
internal sealed class SqliteBulkLoader : IDemoBulkLoader
{
    /// <summary>
    /// Parameters per statement. Microsoft.Data.Sqlite binds every parameter by name (a linear search of the
    /// statement's names), so the cost per value grows with the statement's width: a few rows of narrow tables, one row of wide ones.
    /// </summary>
    internal const int ParameterBudget = 48;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private SqliteBulkLoader(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<SqliteBulkLoader> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        return new SqliteBulkLoader(connection, transaction);
    }

    public Task WriteAsync(TableMap table, IList rows, CancellationToken cancellationToken)
    {
        var columns = table.Columns;
        var perStatement = Math.Clamp(ParameterBudget / columns.Count, 1, 64);
        using var full = Prepare(table, perStatement);
        var i = 0;
        for (; i + perStatement <= rows.Count; i += perStatement)
        {
            Bind(full, columns, rows, i, perStatement);
            full.ExecuteNonQuery();
            if ((i & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        var rest = rows.Count - i;
        if (rest > 0)
        {
            using var tail = Prepare(table, rest);
            Bind(tail, columns, rows, i, rest);
            tail.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    private SqliteCommand Prepare(TableMap table, int rowCount)
    {
        var columns = table.Columns;
        var sql = new StringBuilder("INSERT INTO \"").Append(table.Table).Append("\" (");
        sql.AppendJoin(", ", columns.Select(c => $"\"{c.Name}\"")).Append(") VALUES ");
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@{r}_{c}");
                sql.Append(c == 0 ? "" : ", ").Append(name);
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, IReadOnlyList<ColumnMap> columns, IList rows, int start, int count)
    {
        var parameters = command.Parameters;
        var p = 0;
        for (var r = 0; r < count; r++)
        {
            var entity = rows[start + r]!;
            for (var c = 0; c < columns.Count; c++)
            {
                parameters[p++].Value = columns[c].GetProviderValue(entity) ?? DBNull.Value;
            }
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
