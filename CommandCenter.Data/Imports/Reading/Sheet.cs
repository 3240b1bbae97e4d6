namespace CommandCenter.Data.Imports.Reading;

/// <summary>One data row: its number as the spreadsheet shows it (the header is row 1) and its cleaned cells.</summary>
public sealed class SheetRow(int number, string[] cells)
{
    public int Number { get; } = number;

    /// <summary>The cell at a column index; empty when the row is shorter.</summary>
    public string this[int index] => index >= 0 && index < cells.Length ? cells[index] : string.Empty;

    public bool IsEmpty => cells.All(c => c.Length == 0);
}

/// <summary>The header of a sheet: column index by header text.</summary>
public sealed class SheetColumns
{
    private readonly Dictionary<string, int> _byHeader = new(StringComparer.Ordinal);

    public SheetColumns(IEnumerable<string> headers)
    {
        var index = 0;
        foreach (var header in headers)
        {
            var name = CellText.Header(header);
            if (name.Length > 0)
            {
                _byHeader.TryAdd(name, index);
            }
            index++;
        }
    }

    /// <summary>The column of a header, or -1.</summary>
    public int IndexOf(string header) => _byHeader.GetValueOrDefault(header, -1);

    public IReadOnlyList<string> Missing(IEnumerable<string> required) => [.. required.Where(h => !_byHeader.ContainsKey(h))];
}

/// <summary>An open sheet: the header, then the data rows, read as they are enumerated (never the whole file in memory).</summary>
public sealed class Sheet(SheetColumns columns, IEnumerable<SheetRow> rows, IDisposable? owner) : IDisposable
{
    public SheetColumns Columns { get; } = columns;

    /// <summary>The data rows (empty rows skipped); enumerate once.</summary>
    public IEnumerable<SheetRow> Rows { get; } = rows;

    public void Dispose() => owner?.Dispose();
}
