using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// The live queue. Rows come from the database (open incidents in the officer's scope, for the chosen view); a live
/// change notice schedules one reload (debounced), rows that were not there before are highlighted for a while, and the
/// SLA countdowns tick every second. The keyboard moves a cursor through the rows in the order shown (J/K or ↓/↑),
/// opens the row under it (Enter or O) and switches views (1–4); / goes to the search box.
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
    private LiveReload? _live;
    private IDisposable? _tick;
    private DateTime _now;
    private string? _search;
    private bool _loading = true;
    private bool _failed;
    private long _seenVersion = -1;
    private long? _cursor;
    private MudDataGrid<QueueRow>? _grid;
    private ElementReference _panel;
    private ConsoleScript<IncidentQueue>? _script;
    private int? _revealIndex;

    [Inject]
    private IncidentQueries Queries { get; set; } = default!;

    [Inject]
    private LiveMetrics Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ConsoleClock Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ConsoleResource> Text { get; set; } = default!;

    [Inject]
    private ILogger<IncidentQueue> Logger { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public ActingOfficer Officer { get; set; } = default!;

    [Parameter]
    public QueueView View { get; set; }

    [Parameter]
    public EventCallback<QueueView> ViewChanged { get; set; }

    /// <summary>The rows shown (for tests and the page's counters).</summary>
    public IReadOnlyList<QueueRow> Rows => _rows;

    /// <summary>The incident under the keyboard cursor, if any.</summary>
    public long? Cursor => _cursor;

    protected override async Task OnInitializedAsync()
    {
        _token = _disposed.Token;
        _now = Time.GetUtcNow().UtcDateTime;
        await ReloadAsync();
        _live = new LiveReload(Time, Logger, ReloadDebounce, _ => ReloadAsync(), StateHasChanged, InvokeAsync, Live,
            snapshot => snapshot.Version != Interlocked.Exchange(ref _seenVersion, snapshot.Version));
        _tick = Clock.Subscribe(now => InvokeAsync(() =>
        {
            _now = now;
            StateHasChanged();
        }));
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            if (_revealIndex is { } index && _script is not null)
            {
                _revealIndex = null;
                await _script.InvokeVoidAsync("reveal", _token, _panel, index);
            }
            return;
        }
        _script = new ConsoleScript<IncidentQueue>(JS, "./Components/Console/IncidentQueue.razor.js", Logger);
        await _script.ListenAsync(this, _token, _panel);
    }

    /// <summary>A key pressed outside any field while the queue is shown.</summary>
    [JSInvokable]
    public Task OnShortcut(string key) => InvokeAsync(async () =>
    {
        var views = Enum.GetValues<QueueView>();
        switch (key)
        {
            case "j" or "J" or "ArrowDown":
                Move(+1);
                break;
            case "k" or "K" or "ArrowUp":
                Move(-1);
                break;
            case "Enter" or "o" or "O" when _cursor is { } id:
                Navigation.NavigateTo($"console/incidents/{id}");
                break;
            case [var digit] when digit is >= '1' and <= '9' && digit - '1' < views.Length:
                await ChangeViewAsync(views[digit - '1']);
                break;
            default:
                return;
        }
        StateHasChanged();
    });

    /// <summary>Moves the cursor one row down or up in the order shown (sorted and searched); the first move lands on the first row.</summary>
    private void Move(int step)
    {
        var shown = (_grid?.FilteredItems ?? _rows.Where(Matches)).ToList();
        if (shown.Count == 0)
        {
            _cursor = null;
            return;
        }
        var at = _cursor is { } id ? shown.FindIndex(r => r.Id == id) : -1;
        var next = at < 0 ? 0 : Math.Clamp(at + step, 0, shown.Count - 1);
        _cursor = shown[next].Id;
        _revealIndex = next; // scrolled into view once the row carries its class (after this render)
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
            var rows = await Queries.QueueAsync(Officer.ScopeCode, View, Officer.UserId, now, _token);
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

    private bool Matches(QueueRow row) => string.IsNullOrWhiteSpace(_search)
        || row.Title.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Number.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Category.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Grid.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Community.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Street.Contains(_search, StringComparison.OrdinalIgnoreCase);

    private string RowClass(QueueRow row, int index) =>
        (IsNew(row.Id) ? "cc-row-new " : string.Empty) + (row.Source == Data.Incidents.SourceChannel.Sos ? "cc-row-sos " : string.Empty)
        + (row.Id == _cursor ? "cc-row-cursor" : string.Empty);

    private void OpenAsync(DataGridRowClickEventArgs<QueueRow> args) => Navigation.NavigateTo($"console/incidents/{args.Item.Id}");

    public async ValueTask DisposeAsync()
    {
        _tick?.Dispose();
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }
        if (_script is not null)
        {
            await _script.DisposeAsync();
        }
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
