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
    /// Masks what can be recognised in free text (titles, descriptions, notes): 18- and 15-digit ID numbers (with a
    /// plausible birth date), bank-card numbers (16–19 digits in groups of four, or in one run when they pass the Luhn check
    /// and start like a card), mainland mobile numbers (also written 138-1234-5678, 138 1234 5678 or after +86) and
    /// landlines with their area code (029-88881234, (029)8888-1234, 02988881234). 400/800 service numbers, incident
    /// numbers, hierarchy codes, dates and amounts are left. Names in free text cannot be told apart from other words and
    /// are left; structured name fields use <see cref="Name"/>.
    /// </summary>
    public static string? FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(char.IsAsciiDigit))
        {
            return text;
        }
        var masked = GroupedCardInText().Replace(text, m => CardNumber(m.Value));
        masked = IdNumberInText().Replace(masked, m => IsBirthDate(m.Value) ? IdNumber(m.Value)! : m.Value);
        masked = CardInText().Replace(masked, m => LooksLikeCard(m.Value) ? CardNumber(m.Value) : m.Value);
        masked = MobileInText().Replace(masked, m => $"{m.Groups["prefix"].Value}{m.Groups["head"].Value}****{m.Groups["tail"].Value}");
        return LandlineInText().Replace(masked, m =>
        {
            var local = m.Groups["local"].Value.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            return string.Concat(m.Groups["area"].Value, m.Groups["sep"].Value, new string('*', local.Length - 4), local.AsSpan(local.Length - 4));
        });
    }

    /// <summary>A bank-card number without its separators, keeping the first six (the issuer) and the last four digits.</summary>
    private static string CardNumber(string value)
    {
        var digits = string.Concat(value.Where(char.IsAsciiDigit));
        return string.Concat(digits.AsSpan(0, 6), new string('*', digits.Length - 10), digits.AsSpan(digits.Length - 4));
    }

    /// <summary>An unbroken 16–19 digit run is a card when it starts like one (UnionPay 62, Visa 4, Mastercard 5, JCB 35) and passes Luhn.</summary>
    private static bool LooksLikeCard(string digits)
    {
        if (!(digits.StartsWith("62", StringComparison.Ordinal) || digits[0] is '4' or '5' || digits.StartsWith("35", StringComparison.Ordinal)))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    /// <summary>
    /// An ID number carries a birth date (YYYYMMDD from 1900 on; YYMMDD in the 15-digit form, whose holders were born
    /// 1901–1999): this keeps 15-digit hierarchy codes such as 610202001002003 (year 00) unmasked.
    /// </summary>
    private static bool IsBirthDate(string id)
    {
        var date = id.Length == 18 ? id.AsSpan(6, 8) : id.AsSpan(6, 6);
        var year = date[..^4];
        var month = (date[^4] - '0') * 10 + date[^3] - '0';
        var day = (date[^2] - '0') * 10 + date[^1] - '0';
        var yearOk = id.Length == 18 ? year is ['1', '9', ..] or ['2', '0', ..] : year is not ['0', '0'];
        return yearOk && month is >= 1 and <= 12 && day is >= 1 and <= 31;
    }

    [GeneratedRegex(@"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")]
    private static partial Regex IdNumberInText();

    [GeneratedRegex(@"(?<![0-9])[0-9]{4}([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1[0-9]{1,3})?(?![0-9])")]
    private static partial Regex GroupedCardInText();

    [GeneratedRegex(@"(?<![0-9])[0-9]{16,19}(?![0-9])")]
    private static partial Regex CardInText();

    [GeneratedRegex(@"(?<![0-9])(?<prefix>\+86[- ]?)?(?<head>1[3-9][0-9])[- ]?([0-9]{4})[- ]?(?<tail>[0-9]{4})(?![0-9])")]
    private static partial Regex MobileInText();

    /// <summary>Area code 010/02x (three digits) or 0[3-9]xx (four), optionally in brackets, then a 7–8 digit local number starting 2–9.</summary>
    [GeneratedRegex(@"(?<![0-9])(?<area>[(（]0(?:10|2[0-9]|[3-9][0-9]{2})[)）]|0(?:10|2[0-9]|[3-9][0-9]{2}))(?<sep>[- ]?)(?<local>[2-9][0-9]{2,3}[- ]?[0-9]{4})(?![0-9])")]
    private static partial Regex LandlineInText();

    private static readonly HashSet<string> CompoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙"];
}
