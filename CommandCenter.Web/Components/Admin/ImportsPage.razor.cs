using System.Globalization;
using System.Security.Claims;
using CommandCenter.Data;
using CommandCenter.Data.Imports;
using CommandCenter.Web.Api.Imports;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;
using CommandCenter.Data.Auditing;

namespace CommandCenter.Web.Components.Admin;

/// <summary>
/// /admin/imports: an administrator picks a kind and a file, does a dry run (counts to insert / update / reject and every
/// rejected row), then applies it. Uploads go through the same <see cref="ImportQueue"/> as POST /api/v1/imports and run
/// as the same Hangfire job; the page follows the run once a second until it ends.
/// </summary>
public sealed partial class ImportsPage : IAsyncDisposable
{
    public const int ErrorsShown = 200;
    private const int RecentShown = 20;

    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<ImportRun>? _recent;
    private ImportRun? _current;
    private IReadOnlyList<ImportRowError> _errors = [];
    private IBrowserFile? _file;
    private string _kind = "hierarchy";
    private string? _message;
    private bool _busy;
    private Task? _following;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ImportQueue Queue { get; set; } = default!;

    [Inject]
    private ImportQueries Queries { get; set; } = default!;

    [Inject]
    private ImportFileStore Files { get; set; } = default!;

    [Inject]
    private IOptions<ImportOptions> Options { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ImportsResource> Text { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<ImportsPage> Logger { get; set; } = default!;

    /// <summary>The run shown (for tests).</summary>
    public ImportRun? Current => _current;

    protected override async Task OnInitializedAsync() => _recent = await Queries.RecentAsync(RecentShown, _disposed.Token);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _following = FollowAsync();
        }
    }

    private void Choose(InputFileChangeEventArgs e)
    {
        _file = e.File;
        _message = null;
        var extension = Path.GetExtension(e.File.Name).ToLowerInvariant();
        if (extension is ".geojson" or ".json")
        {
            _kind = "hierarchy";
        }
    }

    private async Task SubmitAsync(bool dryRun)
    {
        if (_file is not { } file || !ImportTemplates.KindsByName.TryGetValue(_kind, out var kind))
        {
            return;
        }
        _busy = true;
        _message = null;
        try
        {
            var limit = Options.Value.MaxFileBytes;
            if (file.Size > limit)
            {
                _message = Text["TooLarge", limit / (1024 * 1024)];
                return;
            }
            var user = (await AuthenticationState).User;
            var actor = new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "?", null);
            string stored;
            long size;
            await using (var upload = file.OpenReadStream(limit, _disposed.Token))
            {
                (stored, size) = await Files.SaveAsync(upload, file.Name, _disposed.Token);
            }
            var run = await Queue.QueueAsync(kind, dryRun, file.Name, stored, size, actor, _disposed.Token);
            await ShowAsync(run.Id);
        }
        catch (ImportFileException ex)
        {
            _message = Text["Refused", ex.Message];
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Logger.LogError(ex, "An import upload failed");
            _message = Text["Failed", ex.Message];
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ShowAsync(long id)
    {
        _current = await Queries.FindAsync(id, _disposed.Token);
        _errors = _current is null ? [] : await Queries.ErrorsAsync(id, ErrorsShown, _disposed.Token);
        _recent = await Queries.RecentAsync(RecentShown, _disposed.Token);
    }

    /// <summary>
    /// For the page's lifetime: once a second, re-reads the run shown while it is queued or running. A read that fails (the
    /// run's own transaction may hold the database for a moment) is tried again on the next tick.
    /// </summary>
    private async Task FollowAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                try
                {
                    await RefreshShownAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Logger.LogDebug(ex, "Could not re-read the import run shown; trying again");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshShownAsync()
    {
        if (_current is not { Status: ImportStatus.Queued or ImportStatus.Running } shown)
        {
            return;
        }
        var run = await Queries.FindAsync(shown.Id, _disposed.Token);
        if (run is null || (run.Status == shown.Status && run.TotalRows == shown.TotalRows))
        {
            return;
        }
        var ended = run.Status is ImportStatus.Succeeded or ImportStatus.Failed;
        var errors = ended ? await Queries.ErrorsAsync(run.Id, ErrorsShown, _disposed.Token) : _errors;
        var recent = ended ? await Queries.RecentAsync(RecentShown, _disposed.Token) : _recent;
        await InvokeAsync(() =>
        {
            if (_current?.Id == run.Id)
            {
                (_current, _errors, _recent) = (run, errors, recent);
                StateHasChanged();
            }
        });
    }

    private static string StatusName(ImportRun run) => ImportRunView.StatusName(run.Status);

    private static Color StatusColor(ImportRun run) => run.Status switch
    {
        ImportStatus.Succeeded => Color.Success,
        ImportStatus.Failed => Color.Error,
        _ => Color.Info,
    };

    private static string Number(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("zh-CN"));

    private static string SizeText(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024)} KB");

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_following is { } following)
        {
            await following;
        }
        _disposed.Dispose();
    }
}
