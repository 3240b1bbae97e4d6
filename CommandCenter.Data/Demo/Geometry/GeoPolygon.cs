using System.Globalization;
using System.Text;

namespace CommandCenter.Data.Demo.Geometry;

/// <summary>A WGS-84 longitude/latitude point.</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude);

/// <summary>Planar helpers for small areas: a local equirectangular projection is accurate to well under 1 % at district size.</summary>
public static class GeoPolygon
{
    private const double MetersPerDegreeLatitude = 110_574.0;
    private const double MetersPerDegreeLongitudeAtEquator = 111_320.0;

    public static double MetersPerDegreeLongitude(double latitude) =>
        MetersPerDegreeLongitudeAtEquator * Math.Cos(latitude * Math.PI / 180.0);

    public static double LatitudeDegrees(double meters) => meters / MetersPerDegreeLatitude;

    public static double LongitudeDegrees(double meters, double latitude) => meters / MetersPerDegreeLongitude(latitude);

    /// <summary>Signed area in square metres (positive when counter-clockwise); the ring may or may not repeat its first point.</summary>
    public static double SignedAreaSquareMeters(IReadOnlyList<GeoPoint> ring)
    {
        var n = OpenLength(ring);
        if (n < 3)
        {
            return 0;
        }
        var lat0 = ring[0].Latitude;
        var kx = MetersPerDegreeLongitude(lat0);
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var a = ring[i];
            var b = ring[(i + 1) % n];
            sum += (a.Longitude * kx * (b.Latitude * MetersPerDegreeLatitude)) - (b.Longitude * kx * (a.Latitude * MetersPerDegreeLatitude));
        }
        return sum / 2.0;
    }

    /// <summary>The area centroid of a simple ring (in degrees).</summary>
    public static GeoPoint Centroid(IReadOnlyList<GeoPoint> ring)
    {
        var n = OpenLength(ring);
        double a = 0, cx = 0, cy = 0;
        var x0 = ring[0].Longitude;
        var y0 = ring[0].Latitude;
        for (var i = 0; i < n; i++)
        {
            var p = ring[i];
            var q = ring[(i + 1) % n];
            var px = p.Longitude - x0;
            var py = p.Latitude - y0;
            var qx = q.Longitude - x0;
            var qy = q.Latitude - y0;
            var cross = (px * qy) - (qx * py);
            a += cross;
            cx += (px + qx) * cross;
            cy += (py + qy) * cross;
        }
        if (Math.Abs(a) < 1e-18)
        {
            return ring[0];
        }
        return new GeoPoint(x0 + (cx / (3 * a)), y0 + (cy / (3 * a)));
    }

    /// <summary>Even-odd ray casting.</summary>
    public static bool Contains(IReadOnlyList<GeoPoint> ring, GeoPoint point)
    {
        var n = OpenLength(ring);
        var inside = false;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            var pi = ring[i];
            var pj = ring[j];
            if ((pi.Latitude > point.Latitude) != (pj.Latitude > point.Latitude)
                && point.Longitude < ((pj.Longitude - pi.Longitude) * (point.Latitude - pi.Latitude) / (pj.Latitude - pi.Latitude)) + pi.Longitude)
            {
                inside = !inside;
            }
        }
        return inside;
    }

    /// <summary>GeoJSON Polygon text of one closed ring (the first point repeated at the end), 6 decimals (~0.1 m).</summary>
    public static string ToGeoJson(IReadOnlyList<GeoPoint> ring)
    {
        var n = OpenLength(ring);
        var sb = new StringBuilder(32 + (n * 26));
        sb.Append("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (var i = 0; i <= n; i++)
        {
            var p = ring[i % n];
            if (i > 0)
            {
                sb.Append(',');
            }
            sb.Append('[')
              .Append(p.Longitude.ToString("F6", CultureInfo.InvariantCulture))
              .Append(',')
              .Append(p.Latitude.ToString("F6", CultureInfo.InvariantCulture))
              .Append(']');
        }
        sb.Append("]]}");
        return sb.ToString();
    }

    /// <summary>Reads the outer ring of GeoJSON Polygon text written by <see cref="ToGeoJson"/> (closed: first point repeated).</summary>
    public static List<GeoPoint> ParseGeoJsonRing(string geoJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(geoJson);
        var ring = doc.RootElement.GetProperty("coordinates")[0];
        var points = new List<GeoPoint>(ring.GetArrayLength());
        foreach (var p in ring.EnumerateArray())
        {
            points.Add(new GeoPoint(p[0].GetDouble(), p[1].GetDouble()));
        }
        return points;
    }

    private static int OpenLength(IReadOnlyList<GeoPoint> ring) =>
        ring.Count > 1 && ring[0] == ring[^1] ? ring.Count - 1 : ring.Count;
}
