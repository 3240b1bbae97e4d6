using System.Text.Json;
using CommandCenter.Data.Imports.Reading;

namespace CommandCenter.Data.Imports;

/// <summary>
/// The checks an upload passes before it is queued (on its first rows): a spreadsheet kind needs a readable sheet with
/// every required header, the hierarchy a GeoJSON FeatureCollection. Throws <see cref="ImportFileException"/> with the reason.
/// </summary>
public static class ImportPreflight
{
    public static void Check(ImportKind kind, string path, string fileName, ImportOptions options)
    {
        if (kind == ImportKind.Hierarchy)
        {
            using var stream = File.OpenRead(path);
            using var document = Kinds.HierarchyFeatures.Parse(stream);
            return;
        }
        var template = ImportTemplates.For(kind) ?? throw new ImportFileException($"不支持的导入类型：{kind}。");
        using var sheet = SheetReader.Open(path, fileName, options);
        RequireHeaders(sheet, template);
        using var rows = sheet.Rows.GetEnumerator();
        rows.MoveNext();
    }

    public static void RequireHeaders(Sheet sheet, ImportTemplate template)
    {
        var missing = sheet.Columns.Missing(template.Required);
        if (missing.Count > 0)
        {
            throw new ImportFileException($"表头缺少必需的列：{string.Join("、", missing)}（第 1 行应为表头，可下载模板对照）。", missingHeaders: true);
        }
    }

    /// <summary>Reads a JSON file as a document, refusing what is not JSON.</summary>
    internal static JsonDocument ParseJson(Stream stream)
    {
        try
        {
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            throw new ImportFileException("文件不是有效的 GeoJSON（JSON 格式错误）。");
        }
    }
}
