using System.Globalization;
using CommandCenter.Data.Hierarchy;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Components.Console;

/// <summary>Draws a grid polygon (GeoJSON, WGS-84) as inline SVG, scaled to fit, with an optional position marker.</summary>
public partial class GridMap
{
    private const double Size = 240;
    private const double Padding = 16;
    private string? _points;
    private (string X, string Y)? _marker;

    [Parameter, EditorRequired]
    public string Boundary { get; set; } = string.Empty;

    [Parameter]
    public double? Latitude { get; set; }

    [Parameter]
    public double? Longitude { get; set; }

    [Parameter]
    public string? Label { get; set; }

    protected override void OnParametersSet()
    {
        _points = null;
        _marker = null;
        (double X, double Y)[] ring;
        try
        {
            ring = GeoJsonPolygon.ParseOuterRing(Boundary);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return;
        }
        if (ring.Length < 3)
        {
            return;
        }
        var (minX, maxX) = (ring.Min(p => p.X), ring.Max(p => p.X));
        var (minY, maxY) = (ring.Min(p => p.Y), ring.Max(p => p.Y));
        // Longitude degrees are shorter than latitude degrees away from the equator.
        var xScale = Math.Cos((minY + maxY) / 2 * Math.PI / 180);
        var span = Math.Max((maxX - minX) * xScale, maxY - minY);
        if (span <= 0)
        {
            return;
        }
        var scale = (Size - (2 * Padding)) / span;
        var offsetX = (Size - ((maxX - minX) * xScale * scale)) / 2;
        var offsetY = (Size - ((maxY - minY) * scale)) / 2;
        (string, string) Project(double x, double y) => (
            ((x - minX) * xScale * scale + offsetX).ToString("0.#", CultureInfo.InvariantCulture),
            ((maxY - y) * scale + offsetY).ToString("0.#", CultureInfo.InvariantCulture));
        _points = string.Join(' ', ring.Select(p => Project(p.X, p.Y)).Select(p => $"{p.Item1},{p.Item2}"));
        if (Latitude is { } lat && Longitude is { } lon && lon >= minX && lon <= maxX && lat >= minY && lat <= maxY)
        {
            _marker = Project(lon, lat);
        }
    }
}
