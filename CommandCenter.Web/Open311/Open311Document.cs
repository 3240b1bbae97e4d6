namespace CommandCenter.Web.Open311;

/// <summary>
/// A format-neutral Open311 document: an element with ordered fields. Written as a JSON object, or as an XML element
/// named <see cref="Name"/> (inside a list, as the list's item name). Field values are strings, numbers, booleans,
/// UTC <see cref="DateTime"/>s (written in W3C format), nested <see cref="Open311Object"/>s or <see cref="Open311List"/>s, or null.
/// </summary>
public sealed class Open311Object(string name)
{
    private readonly List<KeyValuePair<string, object?>> _fields = [];

    public string Name { get; } = name;

    public IReadOnlyList<KeyValuePair<string, object?>> Fields => _fields;

    public Open311Object Add(string field, object? value)
    {
        _fields.Add(new KeyValuePair<string, object?>(field, value));
        return this;
    }
}

/// <summary>A list: a JSON array, or in XML an element <see cref="Name"/> holding one <see cref="ItemName"/> element per item.</summary>
public sealed class Open311List(string name, string itemName, IEnumerable<object?> items)
{
    public string Name { get; } = name;
    public string ItemName { get; } = itemName;
    public IReadOnlyList<object?> Items { get; } = [.. items];
}
