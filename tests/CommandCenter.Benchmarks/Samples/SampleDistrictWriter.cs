using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MiniExcelLibs;

namespace CommandCenter.Benchmarks.Samples;

/// <summary>
/// Writes the sample district into a folder: <c>hierarchy.geojson</c>, one UTF-8 (BOM) CSV per sheet and
/// <c>residents.xlsx</c>. <c>dotnet run --project tests/CommandCenter.Benchmarks -- samples --out samples</c>.
/// </summary>
public static class SampleDistrictWriter
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
                MiniExcel.SaveAs(Path.Combine(output, "residents.xlsx"), rows, sheetName: "居民", overwriteFile: true);
            }
            Console.WriteLine($"{sheet.Name}: {sheet.Rows.Count} rows");
        }
        Console.WriteLine($"hierarchy: 1 district, {streets.Count} streets, {communities.Count} communities, {grids.Count} grids → {Path.GetFullPath(output)}");
        return 0;
    }

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
