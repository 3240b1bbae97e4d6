using CommandCenter.Data.Demo.Geometry;
using CommandCenter.Data.Hierarchy;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>Ring checks for imported boundaries: closure, self-intersection, containment and an overlap-area estimate.</summary>
public static class HierarchyGeometry
{
    /// <summary>How far (degrees, about 1 m) a vertex may lie outside its parent and still count as on its boundary.</summary>
    public const double BoundaryTolerance = 1e-5;

    public static bool IsClosed((double X, double Y)[] ring) => ring.Length > 0 && ring[0] == ring[^1];

    /// <summary>True when two non-adjacent edges of the closed ring touch or cross (O(n²), fine for boundary sizes).</summary>
    public static bool SelfIntersects((double X, double Y)[] ring)
    {
        var edges = ring.Length - 1;
        for (var i = 0; i < edges; i++)
        {
            for (var j = i + 2; j < edges; j++)
            {
                if (i == 0 && j == edges - 1)
                {
                    continue;
                }
                if (SegmentsIntersect(ring[i], ring[i + 1], ring[j], ring[j + 1]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Area in square metres of the outer ring less its holes.</summary>
    public static double AreaSquareMeters(IReadOnlyList<(double X, double Y)[]> rings)
    {
        var area = Math.Abs(GeoPolygon.SignedAreaSquareMeters(Points(rings[0])));
        for (var i = 1; i < rings.Count; i++)
        {
            area -= Math.Abs(GeoPolygon.SignedAreaSquareMeters(Points(rings[i])));
        }
        return Math.Max(0, area);
    }

    public static (double Longitude, double Latitude) Centroid((double X, double Y)[] ring)
    {
        var c = GeoPolygon.Centroid(Points(ring));
        return (c.Longitude, c.Latitude);
    }

    /// <summary>Even-odd ray casting (the same test the grid locator places reports with).</summary>
    public static bool Contains((double X, double Y)[] ring, double x, double y) => Shape(ring).Contains(x, y);

    /// <summary>Inside the ring, or within <see cref="BoundaryTolerance"/> of its edge.</summary>
    public static bool ContainsOrTouches((double X, double Y)[] ring, double x, double y)
    {
        if (Shape(ring).Contains(x, y))
        {
            return true;
        }
        for (var i = 0; i < ring.Length - 1; i++)
        {
            if (DistanceToSegment(ring[i], ring[i + 1], x, y) <= BoundaryTolerance)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// An estimate of the area two rings share, in square metres: a 48×48 lattice over the overlap of their bounding boxes,
    /// counting the points inside both. Rings that only share edges estimate (close to) zero.
    /// </summary>
    public static double OverlapSquareMeters((double X, double Y)[] a, (double X, double Y)[] b)
    {
        var (aMinX, aMinY, aMaxX, aMaxY) = Bounds(a);
        var (bMinX, bMinY, bMaxX, bMaxY) = Bounds(b);
        var minX = Math.Max(aMinX, bMinX);
        var maxX = Math.Min(aMaxX, bMaxX);
        var minY = Math.Max(aMinY, bMinY);
        var maxY = Math.Min(aMaxY, bMaxY);
        if (maxX <= minX || maxY <= minY)
        {
            return 0;
        }
        const int steps = 48;
        var dx = (maxX - minX) / steps;
        var dy = (maxY - minY) / steps;
        var hits = 0;
        var shapeA = Shape(a);
        var shapeB = Shape(b);
        for (var i = 0; i < steps; i++)
        {
            for (var j = 0; j < steps; j++)
            {
                var x = minX + ((i + 0.5) * dx);
                var y = minY + ((j + 0.5) * dy);
                if (shapeA.Contains(x, y) && shapeB.Contains(x, y))
                {
                    hits++;
                }
            }
        }
        var midLatitude = (minY + maxY) / 2;
        var boxArea = (maxX - minX) * GeoPolygon.MetersPerDegreeLongitude(midLatitude) * (maxY - minY) * 110_574.0;
        return boxArea * hits / (steps * steps);
    }

    private static (double MinX, double MinY, double MaxX, double MaxY) Bounds((double X, double Y)[] ring) =>
        (ring.Min(p => p.X), ring.Min(p => p.Y), ring.Max(p => p.X), ring.Max(p => p.Y));

    private static GridShape Shape((double X, double Y)[] ring) => new(0, string.Empty, 0, 0, ring);

    private static GeoPoint[] Points((double X, double Y)[] ring) => [.. ring.Select(p => new GeoPoint(p.X, p.Y))];

    private static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) =>
        ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));

    private static bool OnSegment((double X, double Y) p, (double X, double Y) q, (double X, double Y) r) =>
        Math.Min(p.X, r.X) <= q.X && q.X <= Math.Max(p.X, r.X) && Math.Min(p.Y, r.Y) <= q.Y && q.Y <= Math.Max(p.Y, r.Y);

    private static bool SegmentsIntersect((double X, double Y) p1, (double X, double Y) p2, (double X, double Y) p3, (double X, double Y) p4)
    {
        var d1 = Cross(p3, p4, p1);
        var d2 = Cross(p3, p4, p2);
        var d3 = Cross(p1, p2, p3);
        var d4 = Cross(p1, p2, p4);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }
        return (d1 == 0 && OnSegment(p3, p1, p4)) || (d2 == 0 && OnSegment(p3, p2, p4))
            || (d3 == 0 && OnSegment(p1, p3, p2)) || (d4 == 0 && OnSegment(p1, p4, p2));
    }

    private static double DistanceToSegment((double X, double Y) a, (double X, double Y) b, double x, double y)
    {
        var vx = b.X - a.X;
        var vy = b.Y - a.Y;
        var length = (vx * vx) + (vy * vy);
        var t = length == 0 ? 0 : Math.Clamp((((x - a.X) * vx) + ((y - a.Y) * vy)) / length, 0, 1);
        var px = a.X + (t * vx) - x;
        var py = a.Y + (t * vy) - y;
        return Math.Sqrt((px * px) + (py * py));
    }
}
