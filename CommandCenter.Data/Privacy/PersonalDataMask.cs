using System.Text.RegularExpressions;

namespace CommandCenter.Data.Privacy;

/// <summary>
/// Server-side masks for personal data (GB/T 35273 practice): phone 138****1234, ID number 610202********1234, name 张*.
/// Apply before a value enters a circuit, a JSON response, an export or a log.
/// </summary>
public static partial class PersonalDataMask
{
    public static string? Phone(string? phone) => phone switch
    {
        null or "" => phone,
        { Length: >= 11 } p => string.Concat(p.AsSpan(0, 3), "****", p.AsSpan(p.Length - 4)),
        { Length: >= 7 } p => string.Concat(p.AsSpan(0, 2), new string('*', p.Length - 4), p.AsSpan(p.Length - 2)),
        { } p => new string('*', p.Length),
    };

    public static string? IdNumber(string? id) => id switch
    {
        null or "" => id,
        { Length: >= 15 } v => string.Concat(v.AsSpan(0, 6), new string('*', v.Length - 10), v.AsSpan(v.Length - 4)),
        { } v => string.Concat(v.AsSpan(0, 1), new string('*', v.Length - 1)),
    };

    /// <summary>Keeps the surname (the first character; two for common compound surnames) and stars the rest.</summary>
    public static string? Name(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return name;
        }
        var keep = name.Length > 3 && CompoundSurnames.Contains(name[..2]) ? 2 : 1;
        return name.Length <= keep ? name[..1] + "*" : string.Concat(name.AsSpan(0, keep), new string('*', name.Length - keep));
    }

    /// <summary>
    /// Masks what can be recognised in free text (titles, descriptions, notes): 18- and 15-digit ID numbers and mainland
    /// mobile numbers (also written 138-1234-5678 or 138 1234 5678, or after +86). Names in free text cannot be told apart
    /// from other words and are left; structured name fields use <see cref="Name"/>.
    /// </summary>
    public static string? FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(char.IsAsciiDigit))
        {
            return text;
        }
        var masked = IdNumberInText().Replace(text, m => IdNumber(m.Value)!);
        return MobileInText().Replace(masked, m => $"{m.Groups[1].Value}****{m.Groups[3].Value}");
    }

    [GeneratedRegex(@"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")]
    private static partial Regex IdNumberInText();

    [GeneratedRegex(@"(?<![0-9])(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])")]
    private static partial Regex MobileInText();

    private static readonly HashSet<string> CompoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙"];
}
