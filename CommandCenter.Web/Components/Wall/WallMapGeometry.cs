using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Live;

namespace CommandCenter.Web.Components.Wall;

/// <summary>A polygon in view coordinates: its SVG path and its centre (for markers and labels).</summary>
public sealed record MapShape(string Code, string Name, string Path, double X, double Y);

/// <summary>A node's map: its grids (coloured by a measure), its children's outlines (clickable), in one SVG view box.</summary>
public sealed record MapView(
    string Code,
    string Name,
    HierarchyLevel Level,
    double Width,
    double Height,
    IReadOnlyList<MapShape> Grids,
    IReadOnlyList<MapShape> Children,
    IReadOnlyList<MapNode> Trail)
{
    /// <summary>The child node that contains a grid (the node itself at grid level).</summary>
    public string? ChildOf(string gridCode) => Children.FirstOrDefault(c => gridCode.StartsWith(c.Code, StringComparison.Ordinal))?.Code;
}

/// <summary>A node of the hierarchy by code: district (6 digits), street (9), community (12), grid (15).</summary>
public sealed record MapNode(string Code, string Name, HierarchyLevel Level);

/// <summary>
/// The hierarchy's GeoJSON boundaries projected to SVG once per node and cached: an equirectangular projection with the
/// longitude scaled by cos(latitude), fitted into a 1000-unit-wide view box. Re-read from the database every 30 minutes,
/// and at once after a re-sync notice (see <see cref="IReferenceDataCache"/>).
/// </summary>
public sealed class WallMapGeometry(HierarchyBoundaries boundaries, TimeProvider time) : IReferenceDataCache, IDisposable
{
    public const double ViewWidth = 1000;
    private static readonly int[] CodeLengths = [6, 9, 12, 15];
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, MapView> _views = new(StringComparer.Ordinal);
    private Loaded? _loaded;

    private sealed record Area(MapNode Node, (double X, double Y)[] Ring);

    private sealed record Loaded(DateTimeOffset At, Dictionary<string, Area> ByCode, string DistrictCode);

    /// <summary>The map of a node, or null when the code is unknown.</summary>
    public async Task<MapView?> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(cancellationToken);
        if (!loaded.ByCode.ContainsKey(code))
        {
            return null;
        }
        return _views.GetOrAdd(code, c => Build(loaded, c));
    }

    /// <summary>Drops the projected map, so the next reader loads the boundaries committed since (an import, on any node).</summary>
    public void Invalidate()
    {
        _loaded = null;
        _views.Clear();
    }

    /// <summary>All node codes and names by level, for the playlist and code checks.</summary>
    public async Task<IReadOnlyList<MapNode>> NodesAsync(CancellationToken cancellationToken = default) =>
        [.. (await LoadAsync(cancellationToken)).ByCode.Values.Select(a => a.Node).OrderBy(n => n.Code, StringComparer.Ordinal)];

    private async Task<Loaded> LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded is { } loaded && time.GetUtcNow() - loaded.At < Lifetime)
        {
            return loaded;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is { } again && time.GetUtcNow() - again.At < Lifetime)
            {
                return again;
            }
            var areas = await boundaries.LoadAsync(cancellationToken);
            var byCode = new Dictionary<string, Area>(StringComparer.Ordinal);
            foreach (var (code, name, level, boundary) in areas)
            {
                (double X, double Y)[] ring;
                try
                {
                    ring = GeoJsonPolygon.ParseOuterRing(boundary);
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
                {
                    ring = [];
                }
                byCode[code] = new Area(new MapNode(code, name, level), ring);
            }
            var district = areas.FirstOrDefault(a => a.Level == HierarchyLevel.District)?.Code ?? string.Empty;
            _views.Clear();
            return _loaded = new Loaded(time.GetUtcNow(), byCode, district);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static MapView Build(Loaded loaded, string code)
    {
        var area = loaded.ByCode[code];
        var grids = loaded.ByCode.Values
            .Where(a => a.Node.Level == HierarchyLevel.Grid && a.Node.Code.StartsWith(code, StringComparison.Ordinal) && a.Ring.Length > 2)
            .OrderBy(a => a.Node.Code, StringComparer.Ordinal).ToList();
        var childLevel = area.Node.Level + 1;
        var children = area.Node.Level == HierarchyLevel.Grid
            ? []
            : loaded.ByCode.Values.Where(a => a.Node.Level == childLevel && a.Node.Code.StartsWith(code, StringComparison.Ordinal) && a.Ring.Length > 2)
                .OrderBy(a => a.Node.Code, StringComparer.Ordinal).ToList();

        var points = grids.SelectMany(g => g.Ring).Concat(area.Ring).ToList();
        if (points.Count == 0)
        {
            return new MapView(code, area.Node.Name, area.Node.Level, ViewWidth, ViewWidth * .7, [], [], Trail(loaded, code));
        }
        var minX = points.Min(p => p.X);
        var maxX = points.Max(p => p.X);
        var minY = points.Min(p => p.Y);
        var maxY = points.Max(p => p.Y);
        var kx = Math.Cos((minY + maxY) / 2 * Math.PI / 180);
        var width = Math.Max((maxX - minX) * kx, 1e-9);
        var height = Math.Max(maxY - minY, 1e-9);
        const double pad = 0.02;
        var scale = ViewWidth * (1 - 2 * pad) / Math.Max(width, height / 0.7);
        var offsetX = (ViewWidth - width * scale) / 2;
        var viewHeight = Math.Max(height * scale / (1 - 2 * pad), ViewWidth * 0.5);
        var offsetY = (viewHeight - height * scale) / 2;
        (double X, double Y) Project((double X, double Y) p) => (offsetX + (p.X - minX) * kx * scale, offsetY + (maxY - p.Y) * scale);

        MapShape Shape(Area a)
        {
            var projected = a.Ring.Select(Project).ToArray();
            var path = new StringBuilder(projected.Length * 14);
            for (var i = 0; i < projected.Length; i++)
            {
                path.Append(i == 0 ? 'M' : 'L')
                    .Append(projected[i].X.ToString("0.#", CultureInfo.InvariantCulture)).Append(',')
                    .Append(projected[i].Y.ToString("0.#", CultureInfo.InvariantCulture));
            }
            path.Append('Z');
            var distinct = projected.Length > 1 && projected[0] == projected[^1] ? projected[..^1] : projected;
            return new MapShape(a.Node.Code, a.Node.Name, path.ToString(), Math.Round(distinct.Average(p => p.X), 1), Math.Round(distinct.Average(p => p.Y), 1));
        }

        return new MapView(code, area.Node.Name, area.Node.Level, ViewWidth, Math.Round(viewHeight, 1),
            [.. grids.Select(Shape)], [.. children.Select(Shape)], Trail(loaded, code));
    }

    private static List<MapNode> Trail(Loaded loaded, string code) =>
        [.. CodeLengths.Where(n => n <= code.Length).Select(n => code[..n])
            .Select(c => loaded.ByCode.GetValueOrDefault(c)?.Node).OfType<MapNode>()];

    public void Dispose() => _gate.Dispose();
}
