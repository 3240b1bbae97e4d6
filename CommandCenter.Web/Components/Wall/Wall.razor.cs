using CommandCenter.Data.Statistics;
using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace CommandCenter.Web.Components.Wall;

/// <summary>
/// The data wall (数据大屏): a 1920×1080 canvas scaled to the screen. Live numbers come from <see cref="LiveMetrics"/>
/// (coalesced, at most 4 updates a second); base numbers from <see cref="WallBaseData"/>; the map from
/// <see cref="WallMapGeometry"/>. Kiosk URL parameters: <c>node</c> (pin to a node code), <c>measure</c>
/// (open|overdue|coverage), <c>header=0</c> (hide the header), <c>playlist=1</c> (rotate through the node and its
/// children) and <c>interval</c> (seconds per view).
/// </summary>
public partial class Wall : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _disposed = new();
    private ElementReference _viewport;
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private IDisposable? _subscription;
    private LiveSnapshot _snapshot = LiveSnapshot.Empty;
    private NodeBaseFigures _base = NodeBaseFigures.Zero;
    private MapView? _view;
    private string? _code;
    private string? _pinned;
    private WallMeasure _measure;
    private bool _hideHeader;
    private DateTime _now;
    private IReadOnlyList<string> _playlist = [];
    private int _playlistIndex;
    private DateTime _playlistNext;

    [Inject]
    private LiveMetrics LiveMetrics { get; set; } = default!;

    [Inject]
    private WallBaseData BaseData { get; set; } = default!;

    [Inject]
    private WallMapGeometry Geometry { get; set; } = default!;

    [Inject]
    private IOptions<WallOptions> Options { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<Wall> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "node")]
    public string? Node { get; set; }

    [SupplyParameterFromQuery(Name = "measure")]
    public string? Measure { get; set; }

    [SupplyParameterFromQuery(Name = "header")]
    public string? Header { get; set; }

    [SupplyParameterFromQuery(Name = "playlist")]
    public string? Playlist { get; set; }

    [SupplyParameterFromQuery(Name = "interval")]
    public int? Interval { get; set; }

    /// <summary>The node in view.</summary>
    public string Code => _code ?? _snapshot.DistrictCode;

    private NodeMetrics Metrics => _snapshot.Node(Code) ?? NodeMetrics.Zero(Code, string.Empty, HierarchyLevel.District);

    private NodeBreakdown Breakdown => _snapshot.Breakdown(Code);

    private string Title => _view?.Trail.Count > 1 ? string.Join(" · ", _view.Trail.Select(n => n.Name)) : Metrics.Name;

    private IReadOnlyList<NewestIncident> NewestHere => [.. _snapshot.NewestIn(Code).Take(12)];

    private IReadOnlyList<NodeMetrics> Children =>
        [.. (_view?.Children ?? []).Select(c => _snapshot.Node(c.Code)).OfType<NodeMetrics>()];

    private string ChildTitle => Text[$"Children.{(_view?.Level ?? HierarchyLevel.District)}"];

    private int CurrentHour => ChinaDay.Local(_now).Hour;

    /// <summary>The numbers are known good as of the last load from the database or the last live change, whichever is later.</summary>
    private DateTime? DataAsOf => LiveMetrics.LastLoadedAt is { } loaded
        ? (_snapshot.Loaded && _snapshot.BuiltAt > loaded ? _snapshot.BuiltAt : loaded)
        : null;

    private string DataAsOfText => DataAsOf is { } at ? (at + ChinaDay.Offset).ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    /// <summary>Stale: never loaded, or not re-loaded from the database (the minutely re-sync) within <see cref="WallOptions.StaleAfter"/>.</summary>
    private bool Stale => !_snapshot.Loaded || LiveMetrics.LastLoadedAt is not { } loaded || _now - loaded > Options.Value.StaleAfter;

    protected override async Task OnInitializedAsync()
    {
        _now = Time.GetUtcNow().UtcDateTime;
        try
        {
            await LiveMetrics.WhenLoaded.WaitAsync(TimeSpan.FromSeconds(10), Time, _disposed.Token);
        }
        catch (TimeoutException)
        {
            Logger.LogWarning("The wall opened before the live numbers were loaded");
        }
        _snapshot = LiveMetrics.Current;
    }

    protected override async Task OnParametersSetAsync()
    {
        _measure = WallMeasureNames.Parse(Measure);
        _hideHeader = Header is "0" or "false" or "off" or "no";
        var pinned = string.IsNullOrWhiteSpace(Node) ? null : Node.Trim();
        if (_code is null || pinned != _pinned)
        {
            _pinned = pinned;
            await ShowAsync(pinned ?? _snapshot.DistrictCode);
            await BuildPlaylistAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        _subscription = LiveMetrics.Subscribe(snapshot => InvokeAsync(() =>
        {
            _snapshot = snapshot;
            _now = Time.GetUtcNow().UtcDateTime;
            StateHasChanged();
        }));
        // Whatever changed between the first render and the subscription.
        if (LiveMetrics.Current is { } current && current.Version != _snapshot.Version)
        {
            _snapshot = current;
            StateHasChanged();
        }
        _ = RunTimerAsync();
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", _disposed.Token, "./Components/Wall/Wall.razor.js");
            _handle = await _module.InvokeAsync<IJSObjectReference>("start", _disposed.Token, _viewport, new
            {
                build = WallBuild.Id,
                buildUrl = "wall/build",
                healthUrl = "healthz",
                staleAfterSeconds = (int)Options.Value.StaleAfter.TotalSeconds,
            });
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or ObjectDisposedException)
        {
            // The circuit went away during start-up.
        }
    }

    /// <summary>Every few seconds: the time (pulses, ages, staleness), the playlist, and the base numbers' refresh.</summary>
    private async Task RunTimerAsync()
    {
        using var timer = new PeriodicTimer(Tick, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                await InvokeAsync(async () =>
                {
                    _now = Time.GetUtcNow().UtcDateTime;
                    if (_playlist.Count > 1 && _now >= _playlistNext)
                    {
                        _playlistIndex = (_playlistIndex + 1) % _playlist.Count;
                        await ShowAsync(_playlist[_playlistIndex]);
                    }
                    else
                    {
                        _base = await BaseData.GetAsync(Code, _disposed.Token);
                    }
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        catch (ObjectDisposedException)
        {
            // Disposed.
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "The wall's timer stopped");
        }
    }

    private async Task ShowAsync(string code)
    {
        var view = string.IsNullOrEmpty(code) ? null : await Geometry.GetAsync(code, _disposed.Token);
        if (view is null && code != _snapshot.DistrictCode && !string.IsNullOrEmpty(_snapshot.DistrictCode))
        {
            view = await Geometry.GetAsync(_snapshot.DistrictCode, _disposed.Token);
        }
        _view = view;
        _code = view?.Code ?? _snapshot.DistrictCode;
        _base = await BaseData.GetAsync(_code, _disposed.Token);
        _playlistNext = Time.GetUtcNow().UtcDateTime + PlaylistInterval;
    }

    private TimeSpan PlaylistInterval => Interval is >= 5 and <= 3600 ? TimeSpan.FromSeconds(Interval.Value) : Options.Value.PlaylistInterval;

    private async Task BuildPlaylistAsync()
    {
        _playlistIndex = 0;
        if (Playlist is not ("1" or "true" or "on" or "yes") || _view is null)
        {
            _playlist = [];
            return;
        }
        _playlist = [_view.Code, .. _view.Children.Select(c => c.Code)];
        await Task.CompletedTask;
    }

    private async Task NavigateAsync(string code)
    {
        await ShowAsync(code);
        if (_playlist.Count > 1)
        {
            // A drill-down by hand holds the view for one interval; the playlist then goes on from where it was.
            _playlistNext = Time.GetUtcNow().UtcDateTime + PlaylistInterval;
        }
    }

    private void SetMeasure(WallMeasure measure) => _measure = measure;

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _disposed.CancelAsync();
        try
        {
            if (_handle is not null)
            {
                await _handle.InvokeVoidAsync("dispose");
                await _handle.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone.
        }
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
