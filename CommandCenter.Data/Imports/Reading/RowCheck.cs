using System.Globalization;

namespace CommandCenter.Data.Imports.Reading;

/// <summary>
/// Reads the cells of one row by header and records every problem as a rejection of the row (column and reason).
/// <see cref="Failed"/> tells the importer to skip the row.
/// </summary>
public sealed class RowCheck(SheetRow row, SheetColumns columns, ImportOutcome outcome)
{
    public int Row => row.Number;
    public bool Failed { get; private set; }

    public string Cell(string column) => row[columns.IndexOf(column)];

    public void Reject(string? column, string message)
    {
        Failed = true;
        outcome.Reject(row.Number, column, message);
    }

    /// <summary>True when the cell is empty (rejecting the row when the cell is required).</summary>
    private bool IsEmpty(string column, string value, bool required)
    {
        if (value.Length > 0)
        {
            return false;
        }
        if (required)
        {
            Reject(column, $"{column}不能为空。");
        }
        return true;
    }

    public string Text(string column, int max, bool required = true)
    {
        var value = Cell(column);
        if (IsEmpty(column, value, required))
        {
            return value;
        }
        if (value.Length > max)
        {
            Reject(column, $"{column}最多 {max} 个字。");
        }
        else if (value.Any(char.IsControl))
        {
            Reject(column, $"{column}含有控制字符。");
        }
        return value;
    }

    public int? Int(string column, int min, int max, bool required = true)
    {
        var value = Cell(column);
        if (IsEmpty(column, value, required))
        {
            return null;
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d != Math.Floor(d) || d < min || d > max)
        {
            Reject(column, $"{column}应为 {min}–{max} 之间的整数，而不是“{value}”。");
            return null;
        }
        return (int)d;
    }

    public double? Number(string column, double min, double max, bool required = true)
    {
        var value = Cell(column);
        if (IsEmpty(column, value, required))
        {
            return null;
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsNaN(d) || d < min || d > max)
        {
            Reject(column, $"{column}应为 {min.ToString(CultureInfo.InvariantCulture)}–{max.ToString(CultureInfo.InvariantCulture)} 之间的数字，而不是“{value}”。");
            return null;
        }
        return d;
    }

    /// <summary>是/否 (also Y/N, 1/0, true/false); empty is <paramref name="empty"/>.</summary>
    public bool YesNo(string column, bool empty = false)
    {
        var value = Cell(column);
        switch (value.ToLowerInvariant())
        {
            case "":
                return empty;
            case "是" or "y" or "yes" or "1" or "true":
                return true;
            case "否" or "n" or "no" or "0" or "false":
                return false;
            default:
                Reject(column, $"{column}应填“是”或“否”，而不是“{value}”。");
                return empty;
        }
    }

    /// <summary>One of the listed words.</summary>
    public T? Choice<T>(string column, IReadOnlyDictionary<string, T> choices, bool required = true) where T : struct
    {
        var value = Cell(column);
        if (value.Length == 0 && !required)
        {
            return null;
        }
        if (choices.TryGetValue(value, out var choice))
        {
            return choice;
        }
        Reject(column, value.Length == 0
            ? $"{column}不能为空，可填：{string.Join("、", choices.Keys)}。"
            : $"{column}“{value}”不在可选范围内：{string.Join("、", choices.Keys)}。");
        return null;
    }

    /// <summary>A date as yyyy-MM-dd (also yyyy/M/d and yyyyMMdd).</summary>
    public DateOnly? Date(string column, bool required = true)
    {
        var value = Cell(column);
        if (IsEmpty(column, value, required))
        {
            return null;
        }
        var text = value.Length > 10 && value[10] == ' ' ? value[..10] : value;
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyyMMdd", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Reject(column, $"{column}应为日期（如 2020-05-01），而不是“{value}”。");
        return null;
    }

    /// <summary>Longitude and latitude in WGS-84.</summary>
    public (double Longitude, double Latitude)? Position(string longitudeColumn, string latitudeColumn)
    {
        var longitude = Number(longitudeColumn, -180, 180);
        var latitude = Number(latitudeColumn, -90, 90);
        return longitude is { } x && latitude is { } y ? (x, y) : null;
    }
}
