using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// Open supervisions in the officer's area by handling unit; the reminder goes through <see cref="SupervisionReminderService"/>.
/// The overdue times tick every second; the list is read again when the live numbers' overdue count changes and every minute
/// (the SLA watch opens supervisions once a minute).
/// </summary>
public sealed partial class SupervisionList : IAsyncDisposable
{
    private static readonly TimeSpan SafetyReload = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _disposed = new();
    private CancellationToken _token;
    private IReadOnlyList<SupervisionRow> _rows = [];
    private IDisposable? _subscription;
    private PeriodicTimer? _ticker;
    private DateTime _now;
    private DateTime _loadedAt;
    private int? _seenOverdue;
    private bool _busy;

    [Inject]
    private LiveMetrics Live { get; set; } = default!;

    [Inject]
    private IDbContextFactory<CommandCenterDbContext> Contexts { get; set; } = default!;

    [Inject]
    private SupervisionReminderService Reminders { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<SupervisionList> Logger { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ConsoleResource> Text { get; set; } = default!;

    [Parameter, EditorRequired]
    public ActingOfficer Officer { get; set; } = default!;

    public IReadOnlyList<SupervisionRow> Rows => _rows;

    protected override async Task OnInitializedAsync()
    {
        _token = _disposed.Token;
        await ReloadAsync();
        _subscription = Live.Subscribe(OnLiveChangeAsync);
        _ticker = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        _ = TickAsync(_ticker);
    }

    public async Task ReloadAsync()
    {
        _now = _loadedAt = Time.GetUtcNow().UtcDateTime;
        try
        {
            _rows = await ConsoleQueries.SupervisionsAsync(Contexts, Officer.ScopeCode, _token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not read the supervision list");
        }
    }

    private Task OnLiveChangeAsync(LiveSnapshot snapshot)
    {
        var overdue = (Officer.ScopeCode is { } scope ? snapshot.Node(scope) : snapshot.District)?.Overdue ?? 0;
        if (_seenOverdue == overdue)
        {
            return Task.CompletedTask;
        }
        _seenOverdue = overdue;
        return InvokeAsync(async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        });
    }

    private async Task TickAsync(PeriodicTimer ticker)
    {
        try
        {
            while (await ticker.WaitForNextTickAsync(_token))
            {
                await InvokeAsync(async () =>
                {
                    _now = Time.GetUtcNow().UtcDateTime;
                    if (_now - _loadedAt >= SafetyReload && !_busy)
                    {
                        await ReloadAsync();
                    }
                    StateHasChanged();
                });
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _disposed.CancelAsync();
        _ticker?.Dispose();
        _disposed.Dispose();
    }

    private bool CanRemind(SupervisionRow row) => row.LastRemindedAt is not { } at || _now - at >= SupervisionReminderService.MinimumInterval;

    private async Task RemindAsync(SupervisionRow row)
    {
        _busy = true;
        try
        {
            var result = await Reminders.RemindAsync(row.Id, Officer, _token);
            if (result.Succeeded)
            {
                Snackbar.Add(Text["Supervision.RemindSent", row.HandlingUnit ?? Text["Supervision.NoUnit"].Value, row.Number], Severity.Success);
            }
            else if (result.Status == OperationStatus.Conflict && result.Value?.LastRemindedAt is { } at)
            {
                Snackbar.Add(Text["Supervision.TooSoon", ChinaDay.Local(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture)], Severity.Warning);
            }
            else
            {
                Snackbar.Add(Text[$"Status.{result.Status}"], Severity.Error);
            }
            await ReloadAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Reminder for supervision {SupervisionId} failed", row.Id);
            Snackbar.Add(Text["Result.Failed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
