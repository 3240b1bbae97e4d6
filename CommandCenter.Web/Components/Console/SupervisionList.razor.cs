using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
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
    private LiveReload? _live;
    private IDisposable? _tick;
    private DateTime _now;
    private int? _seenOverdue;
    private bool _busy;

    [Inject]
    private LiveMetrics Live { get; set; } = default!;

    [Inject]
    private IncidentQueries Queries { get; set; } = default!;

    [Inject]
    private SupervisionReminderService Reminders { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ConsoleClock Clock { get; set; } = default!;

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
        _live = new LiveReload(Time, Logger, TimeSpan.Zero, _ => ReloadAsync(), StateHasChanged, InvokeAsync, Live, OverdueChanged, every: SafetyReload);
        _tick = Clock.Subscribe(now => InvokeAsync(() =>
        {
            _now = now;
            StateHasChanged();
        }));
    }

    public async Task ReloadAsync()
    {
        _now = Time.GetUtcNow().UtcDateTime;
        try
        {
            _rows = await Queries.SupervisionsAsync(Officer.ScopeCode, _token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not read the supervision list");
        }
    }

    private bool OverdueChanged(LiveSnapshot snapshot)
    {
        var overdue = (Officer.ScopeCode is { } scope ? snapshot.Node(scope) : snapshot.District)?.Overdue ?? 0;
        if (_seenOverdue == overdue)
        {
            return false;
        }
        _seenOverdue = overdue;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _tick?.Dispose();
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }
        await _disposed.CancelAsync();
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
