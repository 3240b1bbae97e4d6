using CommandCenter.Data.Analytics;
using CommandCenter.Web.Components.Charts;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Web.Components.Analytics;

/// <summary>The charts of a tab, as ApexCharts options and series built from the report.</summary>
public partial class AreaTab
{
    private static readonly string[] Palette = ["#409cff", "#36cfc9", "#ffc53d", "#ff7a45", "#9254de", "#73d13d", "#f759ab"];

    [Inject] private IStringLocalizer<AnalyticsResource> Text { get; set; } = default!;

    [Parameter, EditorRequired] public AreaReport Report { get; set; } = default!;
    [Parameter, EditorRequired] public string Tab { get; set; } = AnalyticsTabs.Events;
    [Parameter, EditorRequired] public IReadOnlyList<AnalyticsTable> Tables { get; set; } = [];
    [Parameter, EditorRequired] public Func<string, string> LinkFor { get; set; } = default!;

    private static Dictionary<string, object?> Base(string type, int height = 250) => new Dictionary<string, object?>
    {
        ["chart"] = new { type, height, background = "transparent", toolbar = new { show = false }, animations = new { enabled = false }, fontFamily = "inherit" },
        ["theme"] = new { mode = "dark" },
        ["colors"] = Palette,
        ["legend"] = new { position = "bottom" },
        ["dataLabels"] = new { enabled = type is "donut" or "pie" },
        ["grid"] = new { borderColor = "rgba(255,255,255,0.08)" },
    };

    private static Dictionary<string, object?> WithAxis(string type, IEnumerable<string> categories, bool horizontal = false, int height = 250)
    {
        var options = Base(type, height);
        options["xaxis"] = new { categories = categories.ToArray() };
        options["plotOptions"] = new { bar = new { horizontal, borderRadius = 3 } };
        options["stroke"] = new { width = type == "line" ? 2 : 0, curve = "smooth" };
        return options;
    }

    private static Dictionary<string, object?> WithLabels(IEnumerable<string> labels)
    {
        var options = Base("donut");
        options["labels"] = labels.ToArray();
        return options;
    }

    private object TrendOptions => WithAxis("line", Report.Daily.Select(d => d.Day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    private object TrendSeries => new[]
    {
        new ApexSeries(Text["Metric.Received"], [.. Report.Daily.Select(d => (double?)d.Received)]),
        new ApexSeries(Text["Metric.Closed"], [.. Report.Daily.Select(d => (double?)d.Closed)]),
    };

    private static readonly string[] TierNames = ["Grid", "Community", "Street", "Department", "District"];

    private object TierOptions => WithLabels(TierNames.Select(t => (string)Text["Tier." + t]));

    private object TierSeries => new double[]
    {
        Report.Counts.ClosedAtGrid, Report.Counts.ClosedAtCommunity, Report.Counts.ClosedAtStreet, Report.Counts.ClosedAtDepartment, Report.Counts.ClosedAtDistrict,
    };

    private object CategoryOptions => WithAxis("bar", Report.TopCategories.Select(c => c.Name), horizontal: true, height: 290);

    private object CategorySeries => new[]
    {
        new ApexSeries(Text["Metric.Received"], [.. Report.TopCategories.Select(c => (double?)c.Received)]),
        new ApexSeries(Text["Metric.Closed"], [.. Report.TopCategories.Select(c => (double?)c.Closed)]),
    };

    private static readonly string[] RatingNames = ["VerySatisfied", "Satisfied", "Neutral", "Dissatisfied", "VeryDissatisfied"];

    private object RatingOptions => WithLabels(RatingNames.Select(r => (string)Text["Rating." + r]));

    private object RatingSeries => new double[]
    {
        Report.Counts.RatedVerySatisfied, Report.Counts.RatedSatisfied, Report.Counts.RatedNeutral, Report.Counts.RatedDissatisfied, Report.Counts.RatedVeryDissatisfied,
    };

    private object SourceOptions => WithAxis("bar", Report.Sources.Select(s => (string)Text["Source." + s.Source]), horizontal: true);

    private object SourceSeries => new[] { new ApexSeries(Text["Metric.Received"], [.. Report.Sources.Select(s => (double?)s.Received)]) };

    private static readonly string[] PeopleTypeNames = ["Registered", "Migrant", "Foreign"];

    private object PeopleTypeOptions => WithLabels(PeopleTypeNames.Select(t => (string)Text["Metric." + t]));

    private object PeopleTypeSeries => Report.Snapshot is { } s ? new double[] { s.Registered, s.Migrant, s.Foreign } : Array.Empty<double>();

    private static readonly string[] KeyGroupNames = ["Aged60Plus", "LivingAlone", "Children", "Disabled", "LeftBehind", "SpecialCare", "PartyMembers"];

    private object KeyGroupOptions => WithAxis("bar", KeyGroupNames.Select(g => (string)Text["Metric." + g]));

    private object KeyGroupSeries => Report.Snapshot is { } s
        ? new[] { new ApexSeries(Text["Metric.Residents"], [s.Aged60Plus, s.LivingAlone, s.Children, s.Disabled, s.LeftBehind, s.SpecialCare, s.PartyMembers]) }
        : Array.Empty<ApexSeries>();
}
