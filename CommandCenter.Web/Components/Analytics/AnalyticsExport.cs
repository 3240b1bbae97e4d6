using System.Globalization;
using System.Text;
using CommandCenter.Data;
using CommandCenter.Data.Analytics;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Web.Api;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Resources;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace CommandCenter.Web.Components.Analytics;

/// <summary>
/// GET /analytics/export.csv and /analytics/export.xlsx with the page's query parameters (node, period, from, to, tab):
/// the tables of the tab as the page shows them, limited to the caller's scope; residents stay masked.
/// CSV is UTF-8 with a byte-order mark so Excel reads the Chinese; XLSX has one sheet per table.
/// </summary>
public static class AnalyticsExport
{
    public const string CsvPath = "/analytics/export.csv";
    public const string XlsxPath = "/analytics/export.xlsx";
    public const string ExportAuditAction = "analytics.export";

    public static IEndpointRouteBuilder MapAnalyticsExport(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization(policy => policy.RequireRole(AnalyticsRoles.AllowedList.Split(',')));
        group.MapGet(CsvPath, (HttpContext http, AnalyticsReader reader, IStringLocalizer<AnalyticsResource> l, TimeProvider time, AuditLog audit, CancellationToken ct) =>
            ExportAsync(http, reader, l, time, audit, "csv", ct));
        group.MapGet(XlsxPath, (HttpContext http, AnalyticsReader reader, IStringLocalizer<AnalyticsResource> l, TimeProvider time, AuditLog audit, CancellationToken ct) =>
            ExportAsync(http, reader, l, time, audit, "xlsx", ct));
        return app;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, AnalyticsReader reader, IStringLocalizer<AnalyticsResource> l, TimeProvider time, AuditLog audit, string format, CancellationToken ct)
    {
        var q = http.Request.Query;
        var filter = AnalyticsFilter.Parse(q["node"], q["period"], q["from"], q["to"], q["tab"]);
        var scope = http.User.FindFirst(CommandCenterClaims.Scope)?.Value;
        var now = time.GetUtcNow().UtcDateTime;
        if (filter.Node is { } requested && (AnalyticsReader.LevelOf(requested) is null))
        {
            return ApiProblems.BadRequest("The node is not a hierarchy, building or household code.");
        }
        if (filter.Node is { } node && !HierarchyCode.IsWithin(node, scope))
        {
            return ApiProblems.Forbidden("The node lies outside your area.");
        }
        var code = AnalyticsReader.EffectiveCode(filter.Node, scope, await reader.DistrictCodeAsync(ct))!;
        var tables = new AnalyticsTables(l);
        IReadOnlyList<AnalyticsTable>? result;
        string label;
        switch (AnalyticsReader.LevelOf(code))
        {
            case HierarchyLevel.Building:
                result = await reader.LoadBuildingAsync(code, scope, ct) is { } b ? tables.ForBuilding(b) : null;
                label = code;
                break;
            case HierarchyLevel.Household:
                result = await reader.LoadHouseholdAsync(code, scope, ChinaDay.Of(now), ct) is { } h ? tables.ForHousehold(h) : null;
                label = code;
                break;
            default:
                if (filter.Resolve(now, reader.Options.MaxPeriodDays) is not { } period)
                {
                    return ApiProblems.BadRequest($"The period is invalid: a custom period needs from ≤ to (yyyy-MM-dd), at most {reader.Options.MaxPeriodDays} days.");
                }
                result = await reader.LoadAreaAsync(code, period, scope, ct) is { } a ? tables.ForArea(a, filter.Tab) : null;
                label = string.Create(CultureInfo.InvariantCulture, $"{code}-{filter.Tab}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}");
                break;
        }
        if (result is null)
        {
            return ApiProblems.NotFound("No such node.");
        }
        var name = $"analytics-{label}.{format}";
        var actor = http.AuditActor();
        await audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, ExportAuditAction, "AnalyticsNode", code, name, actor.RemoteIp), ct);
        return format == "csv"
            ? Results.File(Csv(result), "text/csv; charset=utf-8", name)
            : Results.File(Xlsx(result), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    /// <summary>The tables one after another: title, header, rows, a blank line. RFC 4180 quoting.</summary>
    public static byte[] Csv(IReadOnlyList<AnalyticsTable> tables)
    {
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            text.Append(Field(table.Title)).Append("\r\n");
            text.AppendJoin(',', table.Columns.Select(Field)).Append("\r\n");
            foreach (var row in table.Rows)
            {
                text.AppendJoin(',', row.Cells.Select(c => Field(Text(c)))).Append("\r\n");
            }
            text.Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Text(object? cell) => cell switch
    {
        null => "",
        Percent p => p.Points is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static string Field(string value)
    {
        // A leading =, +, - or @ would be a formula in a spreadsheet: prefix it (CSV injection).
        if (value.Length > 0 && value[0] is '=' or '+' or '@' && !double.TryParse(value, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>One sheet per table; numbers stay numbers (percentages as points, e.g. 93.2).</summary>
    public static byte[] Xlsx(IReadOnlyList<AnalyticsTable> tables)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var table in tables)
        {
            var sheet = SheetName(table.Title, sheets.Keys);
            var columns = Unique(table.Columns);
            sheets[sheet] = table.Rows.Select(row =>
            {
                var values = new Dictionary<string, object?>();
                for (var c = 0; c < columns.Count; c++)
                {
                    values[columns[c]] = c < row.Cells.Count ? Value(row.Cells[c]) : null;
                }
                return values;
            }).ToList();
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static object? Value(object? cell) => cell switch
    {
        Percent p => p.Points,
        string or int or double or null => cell,
        _ => cell.ToString(),
    };

    private static List<string> Unique(IReadOnlyList<string> columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. columns.Select(c => seen.Add(c) ? c : $"{c} ({seen.Count})")];
    }

    private static string SheetName(string title, IEnumerable<string> taken)
    {
        var clean = new string([.. title.Select(ch => "[]:*?/\\".Contains(ch, StringComparison.Ordinal) ? '_' : ch)]);
        clean = clean.Length > 28 ? clean[..28] : clean;
        var name = clean;
        for (var n = 2; taken.Contains(name); n++)
        {
            name = $"{clean}{n}";
        }
        return name;
    }
}
