using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommandCenter.Data.Demo.BulkLoading;

/// <summary>One column of a table as EF maps it: name, store type, and how to read the provider value from an entity.</summary>
public sealed class ColumnMap(IProperty property, string name)
{
    private readonly IClrPropertyGetter _getter = property.GetGetter();
    private readonly ValueConverter? _converter = property.GetTypeMapping().Converter;

    public IProperty Property { get; } = property;
    public string Name { get; } = name;
    public string StoreType { get; } = property.GetColumnType();

    /// <summary>The CLR type handed to the ADO.NET provider (after value conversion, nullable unwrapped).</summary>
    public Type ProviderType { get; } = Nullable.GetUnderlyingType(property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType)
        ?? property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;

    /// <summary>The value exactly as EF would send it (enums as numbers, converters applied), or null.</summary>
    public object? GetProviderValue(object entity)
    {
        var value = _getter.GetClrValueUsingContainingEntity(entity);
        if (value is null)
        {
            return null;
        }
        return _converter is null ? value : _converter.ConvertToProvider(value);
    }
}

/// <summary>A table as EF maps an entity type: name, schema, key and columns, read from the model so one loader serves every entity.</summary>
public sealed class TableMap
{
    private TableMap(IEntityType entityType, string table, string? schema, IReadOnlyList<ColumnMap> columns)
    {
        EntityType = entityType;
        Table = table;
        Schema = schema;
        Columns = columns;
        var key = entityType.FindPrimaryKey()?.Properties;
        IdentityColumn = key is { Count: 1 } && key[0].ClrType is var t && (t == typeof(int) || t == typeof(long))
            ? columns.First(c => c.Property == key[0]).Name
            : null;
    }

    public IEntityType EntityType { get; }
    public string Table { get; }
    public string? Schema { get; }
    public IReadOnlyList<ColumnMap> Columns { get; }
    /// <summary>The integer key column whose identity/sequence must follow explicit Ids.</summary>
    public string? IdentityColumn { get; }

    public static TableMap For(DbContext db, Type clrType)
    {
        var entityType = db.Model.FindEntityType(clrType)
            ?? throw new InvalidOperationException($"{clrType.Name} is not an entity type of the model.");
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{clrType.Name} is not mapped to a table.");
        var schema = entityType.GetSchema();
        var store = StoreObjectIdentifier.Table(table, schema);
        var columns = entityType.GetProperties()
            .Where(p => !p.IsShadowProperty() || p.IsForeignKey())
            .Select(p => new ColumnMap(p, p.GetColumnName(store) ?? p.Name))
            .ToList();
        if (columns.Any(c => c.Property.IsShadowProperty()))
        {
            throw new InvalidOperationException($"{clrType.Name} has shadow foreign keys, which the bulk loader cannot read.");
        }
        return new TableMap(entityType, table, schema, columns);
    }
}
