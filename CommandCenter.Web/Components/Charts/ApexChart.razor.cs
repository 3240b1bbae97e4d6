using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CommandCenter.Web.Components.Charts;

/// <summary>
/// A small Blazor wrapper around ApexCharts. The chart is created once, after the first render, from
/// <see cref="Options"/> and <see cref="Series"/> (any JSON-serialisable records, anonymous objects or dictionaries,
/// see <see cref="ApexChartSerializer"/>). Later parameter changes are compared as JSON and sent as in-place updates:
/// <c>updateSeries</c> when only the data changed, <c>updateOptions</c> when the options changed, at most one per
/// <see cref="UpdateInterval"/> (the latest values win). No re-render of the element, so no flicker. Disposal destroys
/// the chart and tolerates a circuit whose connection is gone.
/// </summary>
public sealed partial class ApexChart : IAsyncDisposable
{
    public const string ModulePath = "./Components/Charts/ApexChart.razor.js";

    private readonly CancellationTokenSource _disposing = new();
    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _chart;
    private string _options = "{}";
    private string _series = "[]";
    private string? _sentOptions;
    private string? _sentSeries;
    private DateTimeOffset _lastSent;
    private bool _updateScheduled;
    private bool _disposed;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<ApexChart> Logger { get; set; } = default!;

    /// <summary>ApexCharts options without <c>series</c> (chart type, labels, categories, colours, axes...).</summary>
    [Parameter, EditorRequired]
    public object Options { get; set; } = default!;

    /// <summary>The series: a list of <see cref="ApexSeries"/> for axis charts, a number list for donut/pie charts.</summary>
    [Parameter, EditorRequired]
    public object Series { get; set; } = default!;

    /// <summary>At most one update per interval (200 ms by default, as the Aspire dashboard does).</summary>
    [Parameter]
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A name for the chart (a data attribute, for tests and styling).</summary>
    [Parameter]
    public string? ChartKind { get; set; }

    [Parameter]
    public string? Class { get; set; }

    [Parameter]
    public string? Style { get; set; }

    protected override void OnParametersSet()
    {
        _options = ApexChartSerializer.Serialize(Options);
        _series = ApexChartSerializer.Serialize(Series);
        if (_chart is not null)
        {
            ScheduleUpdate();
        }
    }

    /// <summary>The element never changes after the first render: updates go through JS only.</summary>
    protected override bool ShouldRender() => _chart is null && _module is null;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", _disposing.Token, ModulePath);
            var options = _options;
            var series = _series;
            var chart = await _module.InvokeAsync<IJSObjectReference>("create", _disposing.Token, _element, options, series);
            if (_disposed)
            {
                await DestroyAsync(_module, chart);
                return;
            }
            _chart = chart;
            _sentOptions = options;
            _sentSeries = series;
            _lastSent = Time.GetUtcNow();
            if (_options != _sentOptions || _series != _sentSeries)
            {
                ScheduleUpdate();
            }
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or ObjectDisposedException)
        {
            // The circuit went away while the chart was being created: nothing to draw on.
        }
    }

    private void ScheduleUpdate()
    {
        if (_updateScheduled || _disposed || (_options == _sentOptions && _series == _sentSeries))
        {
            return;
        }
        _updateScheduled = true;
        var wait = _lastSent + UpdateInterval - Time.GetUtcNow();
        _ = FlushAsync(wait);
    }

    private async Task FlushAsync(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Time, _disposing.Token);
            }
            await InvokeAsync(SendUpdateAsync);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or ObjectDisposedException)
        {
            // Disposed or disconnected: a new circuit creates its chart from scratch.
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "A chart update failed");
        }
    }

    private async Task SendUpdateAsync()
    {
        _updateScheduled = false;
        if (_disposed || _module is null || _chart is null)
        {
            return;
        }
        var options = _options;
        var series = _series;
        _lastSent = Time.GetUtcNow();
        if (options != _sentOptions)
        {
            await _module.InvokeVoidAsync("updateOptions", _disposing.Token, _chart, options, series);
        }
        else if (series != _sentSeries)
        {
            await _module.InvokeVoidAsync("updateSeries", _disposing.Token, _chart, series);
        }
        _sentOptions = options;
        _sentSeries = series;
        // Values that arrived while this update was on the wire go out in the next interval.
        ScheduleUpdate();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _disposing.CancelAsync();
        var chart = _chart;
        _chart = null;
        await DestroyAsync(_module, chart);
        _disposing.Dispose();
    }

    private static async Task DestroyAsync(IJSObjectReference? module, IJSObjectReference? chart)
    {
        try
        {
            if (module is not null && chart is not null)
            {
                await module.InvokeVoidAsync("destroy", chart);
            }
            if (chart is not null)
            {
                await chart.DisposeAsync();
            }
            if (module is not null)
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone; so is the chart.
        }
        catch (OperationCanceledException)
        {
            // The JS call was cut short by shutdown.
        }
    }
}
