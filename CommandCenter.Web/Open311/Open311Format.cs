using CommandCenter.Data;
using System.Globalization;

namespace CommandCenter.Web.Open311;

/// <summary>The two GeoReport v2 formats, chosen by the resource's extension (.xml / .json).</summary>
public enum Open311Format
{
    Xml = 0,
    Json = 1,
}

public static class Open311Formats
{
    public const string XmlMediaType = "text/xml";
    public const string JsonMediaType = "application/json";

    /// <summary>The format named by a route's extension; null for anything else (answered in XML, the spec's default).</summary>
    public static Open311Format? Parse(string? extension) => extension?.ToLowerInvariant() switch
    {
        "xml" => Open311Format.Xml,
        "json" => Open311Format.Json,
        _ => null,
    };

    /// <summary>The format of the current request's route, XML when absent or unknown.</summary>
    public static Open311Format Of(HttpContext http) => Parse(http.GetRouteValue("format") as string) ?? Open311Format.Xml;

    public static string ContentType(Open311Format format) =>
        format == Open311Format.Json ? JsonMediaType + "; charset=utf-8" : XmlMediaType + "; charset=utf-8";

    public static string Extension(Open311Format format) => format == Open311Format.Json ? "json" : "xml";

    /// <summary>China Standard Time (no daylight saving): datetimes are written with the +08:00 offset.</summary>
    public static readonly TimeSpan Offset = ChinaDay.Offset;

    /// <summary>A W3C datetime with offset, e.g. 2026-03-01T16:00:00+08:00. Stored times are UTC.</summary>
    public static string W3C(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string W3C(DateTimeOffset time) => time.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a W3C datetime (a date, or a date and time; a missing offset means UTC) to UTC. A '+' offset that a
    /// client forgot to percent-encode arrives as a space ("…T08:00:00 08:00") and is read as '+'.
    /// </summary>
    public static bool TryParseW3C(string value, out DateTime utc)
    {
        utc = default;
        if (value.Length is < 10 or > 40 || !char.IsAsciiDigit(value[0]))
        {
            return false;
        }
        if (value.Length >= 25 && value[10] == 'T' && value[^6] == ' ' && char.IsAsciiDigit(value[^5]) && value[^3] == ':')
        {
            value = string.Concat(value.AsSpan(0, value.Length - 6), "+", value.AsSpan(value.Length - 5));
        }
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }
        utc = parsed.UtcDateTime;
        return true;
    }
}
