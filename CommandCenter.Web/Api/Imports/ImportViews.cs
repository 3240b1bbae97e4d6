using CommandCenter.Data.Imports;

namespace CommandCenter.Web.Api.Imports;

/// <summary>The answer to an upload: the run's id and its status (queued).</summary>
public sealed record ImportAccepted(long Id, string Status);

public sealed record ImportRowCounts(int Total, int Inserted, int Updated, int Rejected);

public sealed record ImportErrorView(int Row, string? Column, string Message);

/// <summary>A run as the API shows it; status and kind are the lower-case names of the contract.</summary>
public sealed record ImportRunView(
    long Id,
    string Kind,
    string Status,
    bool DryRun,
    ImportRowCounts Rows,
    IReadOnlyList<ImportErrorView> Errors,
    string? Message,
    string FileName,
    DateTime CreatedAt,
    DateTime? FinishedAt)
{
    public static string StatusName(ImportStatus status) => status.ToString().ToLowerInvariant();

    public static ImportRunView From(ImportRun run, IReadOnlyList<ImportErrorView> errors) => new(
        run.Id, ImportTemplates.NameOf(run.Kind), StatusName(run.Status), run.DryRun,
        new ImportRowCounts(run.TotalRows, run.Inserted, run.Updated, run.Rejected), errors, run.Message, run.FileName,
        DateTime.SpecifyKind(run.CreatedAt, DateTimeKind.Utc), run.FinishedAt is { } f ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : null);
}
