using System.Data.Common;
using System.Text;
using CommandCenter.Data.Demo.BulkLoading;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommandCenter.Data.Imports;

/// <summary>
/// SQLite's fast path for an import's inserts: one prepared single-row INSERT … RETURNING per table, on the run's own
/// connection and transaction (so a rollback still takes everything back), binding values exactly as EF does (see
/// <see cref="TableMap"/>). The generated key is set on the entity at once, so later rows refer to it by key.
/// </summary>
internal sealed class SqliteRowInserter(CommandCenterDbContext db) : IDisposable
{
    private sealed record Prepared(SqliteCommand Command, IReadOnlyList<ColumnMap> Columns, IProperty Key);

    private readonly Dictionary<Type, Prepared> _commands = [];

    public void Insert(object entity)
    {
        var prepared = PrepareFor(entity.GetType());
        var parameters = prepared.Command.Parameters;
        for (var i = 0; i < prepared.Columns.Count; i++)
        {
            parameters[i].Value = prepared.Columns[i].GetProviderValue(entity) ?? DBNull.Value;
        }
        var id = Convert.ToInt64(prepared.Command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var key = prepared.Key.PropertyInfo!;
        key.SetValue(entity, key.PropertyType == typeof(int) ? (object)checked((int)id) : id);
    }

    private Prepared PrepareFor(Type type)
    {
        if (_commands.TryGetValue(type, out var prepared))
        {
            return prepared;
        }
        var table = TableMap.For(db, type);
        var key = table.EntityType.FindPrimaryKey()!.Properties[0];
        var columns = table.Columns.Where(c => c.Property != key).ToList();
        var keyColumn = table.Columns.First(c => c.Property == key).Name;
        var sql = new StringBuilder("INSERT INTO \"").Append(table.Table).Append("\" (")
            .AppendJoin(", ", columns.Select(c => $"\"{c.Name}\"")).Append(") VALUES (")
            .AppendJoin(", ", columns.Select((_, i) => $"@p{i}")).Append(") RETURNING \"").Append(keyColumn).Append('"');
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)(db.Database.CurrentTransaction?.GetDbTransaction() as DbTransaction);
        command.CommandText = sql.ToString();
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = $"@p{i}" });
        }
        command.Prepare();
        return _commands[type] = new Prepared(command, columns, key);
    }

    public void Dispose()
    {
        foreach (var prepared in _commands.Values)
        {
            prepared.Command.Dispose();
        }
        _commands.Clear();
    }
}
