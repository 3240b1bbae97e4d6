using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Encodings.Web;
using System.Text.Json;
using MiniExcelLibs;

namespace CommandCenter.Benchmarks.Samples;

/// <summary>
/// Writes the sample district into a folder: <c>hierarchy.geojson</c>, one UTF-8 (BOM) CSV per sheet and
/// <c>residents.xlsx</c>. <c>dotnet run --project tests/CommandCenter.Benchmarks -- samples --out samples</c>.
/// </summary>
public static partial class SampleDistrictWriter
{
    public static int Run(string[] args)
    {
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "samples";
        Directory.CreateDirectory(output);
        var (district, streets, communities, grids) = SampleDistrict.Build();
        File.WriteAllBytes(Path.Combine(output, "hierarchy.geojson"), GeoJson([district, .. streets, .. communities, .. grids]));
        foreach (var sheet in SampleSheets.Build(streets, communities, grids))
        {
            File.WriteAllText(Path.Combine(output, sheet.Name + ".csv"), Csv(sheet), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            if (sheet.Name == "residents")
            {
                var rows = sheet.Rows.Select(r => sheet.Headers.Select((h, i) => (h, r[i])).ToDictionary(p => p.h, p => (object)p.Item2));
                var xlsx = new MemoryStream();
                xlsx.SaveAs(rows, sheetName: "居民");
                File.WriteAllBytes(Path.Combine(output, "residents.xlsx"), Deterministic(xlsx));
            }
            Console.WriteLine($"{sheet.Name}: {sheet.Rows.Count} rows");
        }
        Console.WriteLine($"hierarchy: 1 district, {streets.Count} streets, {communities.Count} communities, {grids.Count} grids → {Path.GetFullPath(output)}");
        return 0;
    }

    /// <summary>
    /// The workbook again with every entry dated 2026-01-01 and MiniExcel's random relationship ids (R + 32 hex digits)
    /// renumbered rId1, rId2 … in order of appearance, so the same rows give the same bytes.
    /// </summary>
    private static byte[] Deterministic(MemoryStream workbook)
    {
        workbook.Position = 0;
        using var source = new ZipArchive(workbook, ZipArchiveMode.Read);
        var texts = source.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return (e.FullName, Text: reader.ReadToEnd());
        }).ToList();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Renumber(Match m) => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = "rId" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var copy = new MemoryStream();
        using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in texts)
            {
                var entry = target.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(RelationshipId().Replace(text, Renumber));
            }
        }
        return copy.ToArray();
    }

    [GeneratedRegex("\\bR[0-9a-f]{32}\\b")]
    private static partial Regex RelationshipId();

    /// <summary>A FeatureCollection with one feature a line.</summary>
    public static byte[] GeoJson(IEnumerable<SampleNode> nodes)
    {
        var features = nodes.Select(Feature);
        return Encoding.UTF8.GetBytes("{\"type\":\"FeatureCollection\",\"features\":[\n" + string.Join(",\n", features) + "\n]}\n");
    }

    private static string Feature(SampleNode node)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("properties");
            json.WriteString("code", node.Code);
            json.WriteString("name", node.Name);
            json.WriteString("level", node.Level);
            json.WriteEndObject();
            json.WriteStartObject("geometry");
            json.WriteString("type", "Polygon");
            json.WriteStartArray("coordinates");
            json.WriteStartArray();
            foreach (var point in node.Ring)
            {
                json.WriteStartArray();
                json.WriteRawValue(SampleDistrict.Coordinate(point.Longitude));
                json.WriteRawValue(SampleDistrict.Coordinate(point.Latitude));
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Csv(SampleSheet sheet)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', sheet.Headers.Select(Field)).Append("\r\n");
        foreach (var row in sheet.Rows)
        {
            text.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }
        return text.ToString();
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
