using System.Globalization;

namespace CommandCenter.Data.Imports.Reading;

/// <summary>How a cell's text is cleaned before it is checked: full-width letters, digits and signs to half-width, trimmed.</summary>
public static class CellText
{
    public static string Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        var needsWork = false;
        foreach (var c in value)
        {
            if (c is >= '\uFF01' and <= '\uFF5E' or '\u3000')
            {
                needsWork = true;
                break;
            }
        }
        if (!needsWork)
        {
            return value.Trim();
        }
        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    _ => c,
                };
            }
        }).Trim();
    }

    /// <summary>A header as matched: normalised, without a trailing explanation in brackets and without required-markers (*).</summary>
    public static string Header(string? value)
    {
        var text = Normalize(value).Replace("*", string.Empty, StringComparison.Ordinal);
        var bracket = text.IndexOfAny(['(', '（']);
        return (bracket > 0 ? text[..bracket] : text).Trim();
    }

    /// <summary>The text of a value MiniExcel read (numbers without exponent where they are whole).</summary>
    public static string Of(object? value) => value switch
    {
        null => string.Empty,
        string s => Normalize(s),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => Normalize(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Normalize(value.ToString()),
    };
}
