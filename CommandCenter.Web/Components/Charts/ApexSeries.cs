namespace CommandCenter.Web.Components.Charts;

/// <summary>One named series of an axis chart (bar, line, area). Donut and pie charts take a plain number list instead.</summary>
public sealed record ApexSeries(string Name, IReadOnlyList<double?> Data);

/// <summary>One heatmap point or a category/value pair: ApexCharts' <c>{ x, y }</c> form.</summary>
public sealed record ApexPoint(string X, double? Y);

/// <summary>A named series of <see cref="ApexPoint"/> (heatmaps, or bars whose categories travel with the data).</summary>
public sealed record ApexPointSeries(string Name, IReadOnlyList<ApexPoint> Data);
