namespace CommandCenter.Data.Imports;

/// <summary>The whole file is refused (not a spreadsheet, a missing header, too large): the message is for a clerk.</summary>
public sealed class ImportFileException(string message) : Exception(message);
