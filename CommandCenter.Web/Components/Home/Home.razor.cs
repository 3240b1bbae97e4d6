using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Statistics;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Components.Home;

/// <summary>The district at a glance: base totals straight from the database.</summary>
public partial class Home : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private bool _failed;

    [Inject]
    private StatisticsQueries Statistics { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<Home> Logger { get; set; } = default!;

    /// <summary>Carried from the prerender into the circuit, so the totals are read once per page load.</summary>
    [PersistentState]
    public DistrictTotals? Totals { get; set; }

    /// <summary>When the totals were read (local time), also carried across.</summary>
    [PersistentState]
    public string? AsOf { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (Totals is not null)
        {
            return;
        }
        try
        {
            Totals = await Statistics.DistrictTotalsAsync(_disposed.Token);
            AsOf = ChinaDay.Local(Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not read the district totals");
            _failed = true;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
