using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Live;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// The live queue. Rows come from the database (open incidents in the officer's scope, for the chosen view); a live
/// change notice schedules one reload (debounced), rows that were not there before are highlighted for a while, and the
/// SLA countdowns tick every second.
/// </summary>
public sealed partial class IncidentQueue : IAsyncDisposable
{
    /// <summary>How long a newly arrived incident stays highlighted.</summary>
    public static readonly TimeSpan NewHighlight = TimeSpan.FromSeconds(30);

    /// <summary>Live notices within this window cause one reload.</summary>
    public static readonly TimeSpan ReloadDebounce = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _disposed = new();
    private CancellationToken _token;
    private readonly Dictionary<long, DateTime> _arrivedAt = [];
    private IReadOnlyList<QueueRow> _rows = [];
    private HashSet<long>? _known;
    private IDisposable? _subscription;
    private PeriodicTimer? _ticker;
    private DateTime _now;
    private string? _search;
    private bool _loading = true;
    private bool _failed;
    private int _reloadScheduled;
    private long _seenVersion = -1;

    [Inject]
    private IDbContextFactory<CommandCenterDbContext> Contexts { get; set; } = default!;

    [Inject]
    private LiveMetrics Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ConsoleResource> Text { get; set; } = default!;

    [Inject]
    private ILogger<IncidentQueue> Logger { get; set; } = default!;

    [Parameter, EditorRequired]
    public ActingOfficer Officer { get; set; } = default!;

    [Parameter]
    public QueueView View { get; set; }

    [Parameter]
    public EventCallback<QueueView> ViewChanged { get; set; }

    /// <summary>The rows shown (for tests and the page's counters).</summary>
    public IReadOnlyList<QueueRow> Rows => _rows;

    protected override async Task OnInitializedAsync()
    {
        _token = _disposed.Token;
        _now = Time.GetUtcNow().UtcDateTime;
        await ReloadAsync();
        _subscription = Live.Subscribe(OnLiveChangeAsync);
        _ticker = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        _ = TickAsync(_ticker);
    }

    private async Task ChangeViewAsync(QueueView view)
    {
        View = view;
        _known = null;
        _arrivedAt.Clear();
        await ViewChanged.InvokeAsync(view);
        await ReloadAsync();
    }

    /// <summary>Reads the queue again; ids not seen before (after the first load of a view) are marked as new arrivals.</summary>
    public async Task ReloadAsync()
    {
        try
        {
            var now = Time.GetUtcNow().UtcDateTime;
            var rows = await ConsoleQueries.QueueAsync(Contexts, Officer.ScopeCode, View, Officer.UserId, now, _token);
            if (_known is not null)
            {
                foreach (var row in rows.Where(r => !_known.Contains(r.Id)))
                {
                    _arrivedAt.TryAdd(row.Id, now);
                }
            }
            _known = [.. rows.Select(r => r.Id)];
            foreach (var stale in _arrivedAt.Where(p => now - p.Value > NewHighlight || !_known.Contains(p.Key)).Select(p => p.Key).ToList())
            {
                _arrivedAt.Remove(stale);
            }
            _rows = rows;
            _now = now;
            _failed = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not read the console queue");
            _failed = true;
        }
        finally
        {
            _loading = false;
        }
    }

    public bool IsNew(long id) => _arrivedAt.TryGetValue(id, out var at) && _now - at <= NewHighlight;

    private Task OnLiveChangeAsync(LiveSnapshot snapshot)
    {
        if (snapshot.Version == Interlocked.Exchange(ref _seenVersion, snapshot.Version) || Interlocked.Exchange(ref _reloadScheduled, 1) == 1)
        {
            return Task.CompletedTask;
        }
        return InvokeAsync(async () =>
        {
            try
            {
                await Task.Delay(ReloadDebounce, Time, _token);
                Interlocked.Exchange(ref _reloadScheduled, 0);
                await ReloadAsync();
                StateHasChanged();
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private async Task TickAsync(PeriodicTimer ticker)
    {
        try
        {
            while (await ticker.WaitForNextTickAsync(_token))
            {
                await InvokeAsync(() =>
                {
                    _now = Time.GetUtcNow().UtcDateTime;
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private bool Matches(QueueRow row) => string.IsNullOrWhiteSpace(_search)
        || row.Title.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Number.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Category.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Grid.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Community.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Street.Contains(_search, StringComparison.OrdinalIgnoreCase);

    private string RowClass(QueueRow row, int index) =>
        (IsNew(row.Id) ? "cc-row-new " : string.Empty) + (row.Source == Data.Incidents.SourceChannel.Sos ? "cc-row-sos" : string.Empty);

    private void OpenAsync(DataGridRowClickEventArgs<QueueRow> args) => Navigation.NavigateTo($"console/incidents/{args.Item.Id}");

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _disposed.CancelAsync();
        _ticker?.Dispose();
        _disposed.Dispose();
    }
}
