using System.Text;
using MiniExcelLibs;

namespace CommandCenter.Data.Imports;

/// <summary>A kind's sheet: the Chinese headers (required first, then optional) and one example row.</summary>
public sealed record ImportTemplate(ImportKind Kind, IReadOnlyList<string> Required, IReadOnlyList<string> Optional, IReadOnlyList<string> Example)
{
    public IEnumerable<string> Headers => Required.Concat(Optional);
}

/// <summary>
/// The templates a district's staff fill in, one per kind (hierarchy is GeoJSON and has none), writable as XLSX and as
/// CSV (UTF-8 with BOM, which Excel opens correctly).
/// </summary>
public static class ImportTemplates
{
    public static readonly IReadOnlyDictionary<string, ImportKind> KindsByName = new Dictionary<string, ImportKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["hierarchy"] = ImportKind.Hierarchy,
        ["buildings"] = ImportKind.Buildings,
        ["rooms"] = ImportKind.Rooms,
        ["households"] = ImportKind.Households,
        ["residents"] = ImportKind.Residents,
        ["places"] = ImportKind.Places,
        ["components"] = ImportKind.Components,
        ["organizations"] = ImportKind.Organizations,
        ["staff"] = ImportKind.Staff,
    };

    public static string NameOf(ImportKind kind) => KindsByName.First(k => k.Value == kind).Key;

    public static readonly ImportTemplate Buildings = new(ImportKind.Buildings,
        ["楼栋编号", "名称", "网格编码", "地址", "层数", "经度", "纬度"], ["单元数", "建成年份"],
        ["6102020010010010001", "1号楼", "610202001001001", "青年路1号", "6", "109.005", "35.005", "2", "1998"]);

    public static readonly ImportTemplate Rooms = new(ImportKind.Rooms,
        ["楼栋编号", "房号", "单元", "楼层", "面积", "用途"], [],
        ["6102020010010010001", "1-3-0302", "1", "3", "72.5", "自住"]);

    public static readonly ImportTemplate Households = new(ImportKind.Households,
        ["户号", "楼栋编号", "房号", "党员中心户"], [],
        ["H610202001001001000101", "6102020010010010001", "1-3-0302", "否"]);

    public static readonly ImportTemplate Residents = new(ImportKind.Residents,
        ["姓名", "身份证号", "手机号", "网格编码", "楼栋编号", "房号", "人口类型", "重点人群", "党员"], ["户号", "户主"],
        ["王秀英", "610202194805061229", "13900001111", "610202001001001", "6102020010010010001", "1-3-0302", "户籍", "60岁以上,独居", "否", "", "是"]);

    public static readonly ImportTemplate Places = new(ImportKind.Places,
        ["名称", "类型", "网格编码", "地址", "经度", "纬度", "重点场所"], [],
        ["青年路小学", "学校", "610202001001001", "青年路8号", "109.006", "35.004", "是"]);

    public static readonly ImportTemplate Components = new(ImportKind.Components,
        ["部件编码", "大类名称", "小类名称", "网格编码", "状态", "权属单位", "经度", "纬度"], [],
        ["6102020101000001", "公用设施", "上水井盖", "610202001001001", "完好", "市自来水公司", "109.004", "35.006"]);

    public static readonly ImportTemplate Organizations = new(ImportKind.Organizations,
        ["名称", "类型", "网格编码", "统一社会信用代码", "行业", "成员数", "成立日期"], [],
        ["青年路社区志愿服务队", "志愿服务队", "610202001001001", "", "社区服务", "25", "2019-03-05"]);

    public static readonly ImportTemplate Staff = new(ImportKind.Staff,
        ["工号", "姓名", "手机号", "岗位", "所属区划编码", "党员"], [],
        ["GW0001", "赵网格", "13900003333", "网格员", "610202001001001", "是"]);

    public static readonly IReadOnlyList<ImportTemplate> All = [Buildings, Rooms, Households, Residents, Places, Components, Organizations, Staff];

    /// <summary>The template of a spreadsheet kind, or null for hierarchy (GeoJSON).</summary>
    public static ImportTemplate? For(ImportKind kind) => All.FirstOrDefault(t => t.Kind == kind);

    public static void WriteXlsx(ImportTemplate template, Stream output)
    {
        var row = new Dictionary<string, object?>();
        var headers = template.Headers.ToList();
        for (var i = 0; i < headers.Count; i++)
        {
            row[headers[i]] = i < template.Example.Count ? template.Example[i] : string.Empty;
        }
        output.SaveAs(new[] { row }, sheetName: NameOf(template.Kind), excelType: ExcelType.XLSX);
    }

    public static void WriteCsv(ImportTemplate template, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        writer.Write(string.Join(",", template.Headers.Select(Quote)));
        writer.Write("\r\n");
        writer.Write(string.Join(",", template.Example.Select(Quote)));
        writer.Write("\r\n");
    }

    /// <summary>A run's rejected rows as XLSX: 行号, 列, 原因.</summary>
    public static void WriteErrorsXlsx(IEnumerable<ImportRowError> errors, Stream output) =>
        output.SaveAs(
            errors.Select(e => new Dictionary<string, object?> { ["行号"] = e.Row, ["列"] = e.Column ?? string.Empty, ["原因"] = e.Message }),
            sheetName: "错误", excelType: ExcelType.XLSX);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
