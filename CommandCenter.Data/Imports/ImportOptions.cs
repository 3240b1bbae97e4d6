using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Data.Imports;

/// <summary>The "Imports" section: where uploads wait for their run, and the limits a file must keep.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Imports";

    /// <summary>The folder of stored uploads; empty means an "imports" folder next to the SQLite database (App_Data otherwise).</summary>
    public string? Folder { get; set; }

    /// <summary>The largest upload accepted (default 200 MB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The most data rows one file may hold.</summary>
    [Range(1, 50_000_000)]
    public int MaxRows { get; set; } = 2_000_000;

    /// <summary>The most bytes an XLSX may unpack to (a zip bomb is refused before it is read).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUncompressedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Rows written per SaveChanges (change tracking is cleared between batches).</summary>
    [Range(100, 1_000_000)]
    public int BatchSize { get; set; } = 5_000;
}
