using System.Globalization;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Components.Wall;

/// <summary>
/// The map of the node in view. Fill colours: open incidents and overdue in five steps relative to the busiest grid in
/// view (zero has its own colour); patrol coverage is patrolled today or not. A click on a grid drills into the child
/// node that holds it; the trail goes back.
/// </summary>
public partial class WallMap
{
    private static readonly string[] Steps = ["#1b3f6b", "#2b6f9e", "#d9a23a", "#e2703a", "#d63a32"];
    private const string ZeroFill = "#13263f";
    private const string CoveredFill = "#1f8a5a";
    private const string NotCoveredFill = "#3b4452";

    [Parameter, EditorRequired]
    public MapView View { get; set; } = default!;

    [Parameter, EditorRequired]
    public LiveSnapshot Snapshot { get; set; } = default!;

    [Parameter]
    public WallMeasure Measure { get; set; }

    /// <summary>Now (UTC): incidents reported within <see cref="PulseFor"/> pulse.</summary>
    [Parameter]
    public DateTime Now { get; set; }

    [Parameter]
    public TimeSpan PulseFor { get; set; } = TimeSpan.FromMinutes(2);

    [Parameter]
    public EventCallback<string> OnNavigate { get; set; }

    [Parameter]
    public EventCallback<WallMeasure> OnMeasureChanged { get; set; }

    private int _max;
    private Dictionary<string, MapShape> _gridsByCode = [];
    private MapView? _indexed;

    private double LabelSize => Math.Max(14, View.Width / 45);
    private double MarkerSize => Math.Max(6, View.Width / 90);

    private IReadOnlyList<SosAlarm> AlarmsInView => Snapshot.SosAlarmsIn(View.Code);

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_indexed, View))
        {
            _gridsByCode = View.Grids.ToDictionary(g => g.Code, StringComparer.Ordinal);
            _indexed = View;
        }
        _max = View.Grids.Count == 0 ? 0 : View.Grids.Max(g => ValueOf(g.Code));
    }

    /// <summary>The measure's value of a grid (coverage: 1 when patrolled today).</summary>
    public int ValueOf(string gridCode)
    {
        var node = Snapshot.Node(gridCode);
        return node is null ? 0 : Measure switch
        {
            WallMeasure.Overdue => node.Overdue,
            WallMeasure.PatrolCoverage => node.GridsPatrolledToday > 0 ? 1 : 0,
            _ => node.Open,
        };
    }

    private string Fill(int value)
    {
        if (Measure == WallMeasure.PatrolCoverage)
        {
            return value > 0 ? CoveredFill : NotCoveredFill;
        }
        if (value <= 0 || _max <= 0)
        {
            return ZeroFill;
        }
        return Steps[StepOf(value)];
    }

    private int StepOf(int value) => Math.Clamp((int)Math.Ceiling((double)value / _max * Steps.Length) - 1, 0, Steps.Length - 1);

    private string Legend(int value) => Measure == WallMeasure.PatrolCoverage
        ? (value > 0 ? Text["Map.Patrolled"] : Text["Map.NotPatrolled"])
        : $"{Text[$"Measure.{Measure}"]} {value}";

    private IEnumerable<(string Color, string Label)> LegendItems
    {
        get
        {
            if (Measure == WallMeasure.PatrolCoverage)
            {
                yield return (CoveredFill, Text["Map.Patrolled"]);
                yield return (NotCoveredFill, Text["Map.NotPatrolled"]);
                yield break;
            }
            yield return (ZeroFill, "0");
            // The values 1..max that fall into each colour step, as ranges (only steps that hold a value).
            var ranges = new (int Low, int High)?[Steps.Length];
            for (var value = 1; value <= _max; value++)
            {
                var step = StepOf(value);
                ranges[step] = ranges[step] is { } r ? (r.Low, value) : (value, value);
            }
            for (var i = 0; i < Steps.Length; i++)
            {
                if (ranges[i] is { } r)
                {
                    yield return (Steps[i], r.Low == r.High ? Num(r.Low) : $"{r.Low}–{r.High}");
                }
            }
        }
    }

    private string? ChildOf(string gridCode) => View.ChildOf(gridCode);

    private Task Click(string gridCode) => ChildOf(gridCode) is { } child ? OnNavigate.InvokeAsync(child) : Task.CompletedTask;

    private IEnumerable<(NewestIncident Incident, MapShape Shape)> Pulses =>
        Snapshot.NewestIn(View.Code)
            .Where(i => Now - i.ReportedAt <= PulseFor && i.ReportedAt <= Now.AddMinutes(1) && i.GridCode is not null)
            .Select(i => (i, _gridsByCode.GetValueOrDefault(i.GridCode!)))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.i, p.Item2!));

    private IEnumerable<(SosAlarm Alarm, MapShape Shape)> Alarms =>
        AlarmsInView.Where(a => a.GridCode is not null && _gridsByCode.ContainsKey(a.GridCode))
            .Select(a => (a, _gridsByCode[a.GridCode!]));

    /// <summary>The alarm text: place, and the SOS incident's title and time when it is among the newest.</summary>
    private string AlarmText(SosAlarm alarm)
    {
        var incident = Snapshot.Newest.FirstOrDefault(i => i.Source == SourceChannel.Sos && i.GridId == alarm.GridId);
        var place = string.Join(" ", new[] { alarm.StreetName, alarm.GridName }.Where(s => !string.IsNullOrEmpty(s)));
        return incident is null
            ? Text["Map.SosAlarm", place]
            : $"{WallFormat.ChinaTime(incident.ReportedAt)} {place} · {incident.Title}";
    }

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
