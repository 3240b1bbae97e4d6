namespace CommandCenter.Data.Imports;

/// <summary>What an import loads.</summary>
public enum ImportKind
{
    /// <summary>GeoJSON boundaries of streets, communities and grids.</summary>
    Hierarchy = 0,
    Buildings = 1,
    Rooms = 2,
    Households = 3,
    Residents = 4,
    Places = 5,
    Components = 6,
    Organizations = 7,
    /// <summary>Grid workers and other staff.</summary>
    Staff = 8,
}

public enum ImportStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>
/// One uploaded file and what became of it: a dry run counts what would change; an applied run commits the valid
/// rows in one transaction. The file itself is kept under the app's data folder until the run ends.
/// </summary>
public class ImportRun
{
    public long Id { get; set; }
    public ImportKind Kind { get; set; }
    public ImportStatus Status { get; set; }
    public bool DryRun { get; set; }
    /// <summary>The name the file was uploaded with.</summary>
    public required string FileName { get; set; }
    public long FileSize { get; set; }
    /// <summary>Where the upload is stored while the run waits (relative to the import folder).</summary>
    public required string StoredFile { get; set; }
    public int TotalRows { get; set; }
    public int Inserted { get; set; }
    public int Updated { get; set; }
    public int Rejected { get; set; }
    /// <summary>Why the whole run failed (the file is unreadable, the database went away), in words for a clerk.</summary>
    public string? Message { get; set; }
    public string? CreatedByUserId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>The Hangfire job that runs it.</summary>
    public string? JobId { get; set; }
}

/// <summary>One rejected row of an import: the row number as the spreadsheet shows it, the column, and the reason.</summary>
public class ImportRowError
{
    public long Id { get; set; }
    public long ImportRunId { get; set; }
    public int Row { get; set; }
    public string? Column { get; set; }
    public required string Message { get; set; }
}
