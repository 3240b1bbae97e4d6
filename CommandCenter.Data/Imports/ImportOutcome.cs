namespace CommandCenter.Data.Imports;

/// <summary>What a run counted: rows read, inserted, updated, and every rejected row with its reasons.</summary>
public sealed class ImportOutcome
{
    private readonly HashSet<int> _rejectedRows = [];

    public int Total { get; set; }
    public int Inserted { get; set; }
    public int Updated { get; set; }
    public int Rejected => _rejectedRows.Count;
    public List<ImportRowError> Errors { get; } = [];

    /// <summary>Rejects a row (it is not applied) for a reason a clerk understands.</summary>
    public void Reject(int row, string? column, string message)
    {
        _rejectedRows.Add(row);
        Errors.Add(new ImportRowError { Row = row, Column = column, Message = Clip(message) });
    }

    /// <summary>Reports something the row is applied with regardless (e.g. an overlap between neighbouring grids).</summary>
    public void Warn(int row, string? column, string message) =>
        Errors.Add(new ImportRowError { Row = row, Column = column, Message = Clip("警告：" + message) });

    public bool IsRejected(int row) => _rejectedRows.Contains(row);

    private static string Clip(string message) => message.Length <= 500 ? message : message[..500];
}
