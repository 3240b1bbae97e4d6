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
    /// numbers, hierarchy codes, dates and amounts are left. Names are masked where they can be told apart from other
    /// words: a name the record itself holds (the reporter's), a name after a word that introduces a person (联系人、住户、
    /// 居民、姓名…), and a name written just before a phone or ID number ("张三 138…"); other names in running text are
    /// left (structured name fields use <see cref="Name"/>).
    /// </summary>
    public static string? FreeText(string? text) => FreeText(text, knownName: null);

    /// <inheritdoc cref="FreeText(string?)"/>
    /// <param name="text">The free text.</param>
    /// <param name="knownName">A name the record holds (the reporter's), masked wherever the text repeats it.</param>
    public static string? FreeText(string? text, string? knownName)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        var named = MaskNames(text, knownName);
        if (!named.Any(char.IsAsciiDigit))
        {
            return named;
        }
        var masked = NameBeforeNumberInText().Replace(named, m => Name(m.Groups["name"].Value) + m.Groups["gap"].Value);
        masked = GroupedCardInText().Replace(masked, m => CardNumber(m.Value));
        masked = IdNumberInText().Replace(masked, m => IsBirthDate(m.Value) ? IdNumber(m.Value)! : m.Value);
        masked = CardInText().Replace(masked, m => LooksLikeCard(m.Value) ? CardNumber(m.Value) : m.Value);
        masked = MobileInText().Replace(masked, m => $"{m.Groups["prefix"].Value}{m.Groups["head"].Value}****{m.Groups["tail"].Value}");
        return LandlineInText().Replace(masked, m =>
        {
            var local = m.Groups["local"].Value.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            return string.Concat(m.Groups["area"].Value, m.Groups["sep"].Value, new string('*', local.Length - 4), local.AsSpan(local.Length - 4));
        });
    }

    private static string MaskNames(string text, string? knownName)
    {
        if (knownName?.Trim() is { Length: >= 2 } name && text.Contains(name, StringComparison.Ordinal))
        {
            text = text.Replace(name, Name(name), StringComparison.Ordinal);
        }
        return NameAfterCueInText().Replace(text, m => m.Groups["cue"].Value + Name(m.Groups["name"].Value));
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

    /// <summary>Common compound surnames: <see cref="Name"/> keeps both characters, and the name patterns accept them.</summary>
    private const string CompoundSurnameList = "欧阳|司马|上官|诸葛|东方|皇甫|令狐|慕容|尉迟|公孙";

    /// <summary>Common single surnames (the most frequent hundred or so) and the compound ones.</summary>
    private const string Surname =
        "(?:" + CompoundSurnameList + "|[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝])";

    /// <summary>
    /// A word that introduces a person, then the name: the shortest 1–2 characters after the surname that end where the
    /// name plainly ends (a title, punctuation, a space, a digit, a word such as 电话/反映/家, or the end).
    /// </summary>
    [GeneratedRegex(@"(?<cue>(?:联系人|报告人|反映人|举报人|当事人|投诉人|求助人|申请人|监护人|户主|业主|租户|住户|居民|村民|姓名|老人|患者|佩戴人|佩戴者)[：:\s]*)(?<name>" + Surname + @"[\u4e00-\u9fff]{1,2}?)(?=先生|女士|老人|阿姨|大爷|师傅|同志|电话|手机|身份证|反映|报告|称|说|家|的|在|于|住|[\s\p{P}0-9]|$)")]
    private static partial Regex NameAfterCueInText();

    /// <summary>A 2–3 character name at the start or after a non-Han character, just before a mobile or ID number.</summary>
    [GeneratedRegex(@"(?<![\u4e00-\u9fff])(?<name>" + Surname + @"[\u4e00-\u9fff]{1,2})(?<gap>[\s：:，,（(]*(?:电话|手机|身份证号?)?[：:\s]*)(?=(?:\+86[- ]?)?1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9])|[0-9]{17}[0-9Xx](?![0-9Xx]))")]
    private static partial Regex NameBeforeNumberInText();

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

    private static readonly HashSet<string> CompoundSurnames = [.. CompoundSurnameList.Split('|')];
}
