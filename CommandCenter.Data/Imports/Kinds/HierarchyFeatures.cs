using System.Text;
using System.Text.Json;
using CommandCenter.Data.Hierarchy;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>One feature of the boundary file, as read: its row (1-based feature number) and what it says.</summary>
public sealed record AreaFeature(int Row, string Code, string Name, HierarchyLevel Level, IReadOnlyList<(double X, double Y)[]> Rings)
{
    /// <summary>The boundary as stored: a GeoJSON Polygon of the (largest) polygon's rings.</summary>
    public string BoundaryJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Polygon");
            writer.WriteStartArray("coordinates");
            foreach (var ring in Rings)
            {
                writer.WriteStartArray();
                foreach (var (x, y) in ring)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(x);
                    writer.WriteNumberValue(y);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>Reads a GeoJSON FeatureCollection of Polygon/MultiPolygon features with properties code, name, level.</summary>
public sealed class HierarchyFeatures : IDisposable
{
    private static readonly Dictionary<string, HierarchyLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["district"] = HierarchyLevel.District, ["street"] = HierarchyLevel.Street,
        ["community"] = HierarchyLevel.Community, ["grid"] = HierarchyLevel.Grid,
    };

    private readonly JsonDocument _document;

    private HierarchyFeatures(JsonDocument document, JsonElement features)
    {
        _document = document;
        Features = features;
    }

    public JsonElement Features { get; }

    public static HierarchyFeatures Parse(Stream stream)
    {
        var document = ImportPreflight.ParseJson(stream);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || type.GetString() != "FeatureCollection" || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            throw new ImportFileException("文件不是 GeoJSON FeatureCollection（需要 \"type\":\"FeatureCollection\" 和 \"features\" 数组）。");
        }
        return new HierarchyFeatures(document, features);
    }

    /// <summary>Reads one feature; null (with the reasons in <paramref name="outcome"/>) when it is unusable.</summary>
    public static AreaFeature? Read(JsonElement feature, int row, ImportOutcome outcome)
    {
        var errors = outcome.Errors.Count;
        string? Property(string name)
        {
            if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty(name, out var value))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.String => Reading.CellText.Normalize(value.GetString()),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                };
            }
            return null;
        }
        var code = Property("code") ?? string.Empty;
        var name = Property("name") ?? string.Empty;
        var levelText = Property("level") ?? string.Empty;
        HierarchyLevel? level = Levels.TryGetValue(levelText, out var l) ? l : null;
        if (level is null)
        {
            outcome.Reject(row, "level", $"level“{levelText}”应为 district、street、community 或 grid。");
        }
        if (name.Length is 0 or > 64)
        {
            outcome.Reject(row, "name", "name 不能为空，最多 64 个字。");
        }
        if (!HierarchyCode.IsValid(code))
        {
            outcome.Reject(row, "code", $"code“{code}”应为 6、9、12 或 15 位数字。");
        }
        else if (level is { } expected && HierarchyCode.LevelOf(code) != expected)
        {
            outcome.Reject(row, "code", $"code“{code}”的位数与 level“{levelText}”不符（区 6 位、街道 9 位、社区 12 位、网格 15 位）。");
        }
        var rings = ReadGeometry(feature, row, outcome);
        return outcome.Errors.Count > errors || rings is null || level is null ? null : new AreaFeature(row, code, name, level.Value, rings);
    }

    /// <summary>The rings of the polygon (the largest one of a MultiPolygon), each checked: numbers in range, closed, simple.</summary>
    private static List<(double X, double Y)[]>? ReadGeometry(JsonElement feature, int row, ImportOutcome outcome)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var typeElement) || !geometry.TryGetProperty("coordinates", out var coordinates)
            || coordinates.ValueKind != JsonValueKind.Array)
        {
            outcome.Reject(row, "geometry", "缺少 geometry（需要 Polygon 或 MultiPolygon）。");
            return null;
        }
        var type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
        List<JsonElement> polygons = type switch
        {
            "Polygon" => [coordinates],
            "MultiPolygon" => [.. coordinates.EnumerateArray()],
            _ => [],
        };
        if (polygons.Count == 0)
        {
            outcome.Reject(row, "geometry", $"geometry 类型“{type}”不受支持，需要 Polygon 或 MultiPolygon。");
            return null;
        }
        List<(double X, double Y)[]>? best = null;
        var bestArea = -1.0;
        foreach (var polygon in polygons)
        {
            var rings = new List<(double X, double Y)[]>();
            if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
            {
                outcome.Reject(row, "geometry", "多边形没有坐标环。");
                return null;
            }
            foreach (var ringElement in polygon.EnumerateArray())
            {
                var ring = ReadRing(ringElement, row, outcome);
                if (ring is null)
                {
                    return null;
                }
                rings.Add(ring);
            }
            var area = HierarchyGeometry.AreaSquareMeters(rings);
            if (area > bestArea)
            {
                bestArea = area;
                best = rings;
            }
        }
        return best;
    }

    private static (double X, double Y)[]? ReadRing(JsonElement ringElement, int row, ImportOutcome outcome)
    {
        if (ringElement.ValueKind != JsonValueKind.Array)
        {
            outcome.Reject(row, "geometry", "坐标环格式错误。");
            return null;
        }
        var ring = new List<(double X, double Y)>(ringElement.GetArrayLength());
        foreach (var position in ringElement.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || !position[0].TryGetDouble(out var x) || !position[1].TryGetDouble(out var y))
            {
                outcome.Reject(row, "geometry", "坐标应为 [经度, 纬度] 数字对。");
                return null;
            }
            if (!InputRules.IsLongitude(x) || !InputRules.IsLatitude(y))
            {
                outcome.Reject(row, "geometry", $"坐标 [{x}, {y}] 超出范围（经度 -180–180，纬度 -90–90，WGS-84）。");
                return null;
            }
            ring.Add((x, y));
        }
        var points = ring.ToArray();
        if (points.Length < 4)
        {
            outcome.Reject(row, "geometry", "坐标环至少需要 4 个点（首尾相同）。");
            return null;
        }
        if (!HierarchyGeometry.IsClosed(points))
        {
            outcome.Reject(row, "geometry", "坐标环未闭合：第一个点与最后一个点应相同。");
            return null;
        }
        if (HierarchyGeometry.SelfIntersects(points))
        {
            outcome.Reject(row, "geometry", "边界自相交，请在 GIS 软件中修正。");
            return null;
        }
        return points;
    }

    public void Dispose() => _document.Dispose();
}
