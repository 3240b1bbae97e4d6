namespace CommandCenter.Data.Imports;

/// <summary>The whole file is refused (not a spreadsheet, a missing header, too large): the message is for a clerk.</summary>
/// <param name="missingHeaders">True when the file reads but lacks required columns (a 422 rather than a 415 at upload).</param>
public sealed class ImportFileException(string message, bool missingHeaders = false) : Exception(message)
{
    public bool MissingHeaders { get; } = missingHeaders;
}
