using CommandCenter.Data.Demo.IdNumbers;
using CommandCenter.Data.People;
using CommandCenter.Data.Privacy;

namespace CommandCenter.Data.Imports.Reading;

/// <summary>The checks of personal data cells; messages show ID numbers and phones masked.</summary>
public static class PersonRules
{
    public static readonly IReadOnlyDictionary<string, ResidentType> ResidentTypes = new Dictionary<string, ResidentType>
    {
        ["户籍"] = ResidentType.Registered, ["流动"] = ResidentType.Migrant, ["境外"] = ResidentType.Foreign,
    };

    public static readonly IReadOnlyDictionary<string, People.KeyGroups> KeyGroupNames = new Dictionary<string, People.KeyGroups>
    {
        ["60岁以上"] = People.KeyGroups.Aged60Plus, ["独居"] = People.KeyGroups.LivingAlone, ["未成年"] = People.KeyGroups.Child,
        ["残疾"] = People.KeyGroups.Disabled, ["留守"] = People.KeyGroups.LeftBehind, ["特殊关爱"] = People.KeyGroups.SpecialCare,
    };

    private static readonly char[] ListSeparators = [',', '，', '、', ';', '；'];

    /// <summary>
    /// A GB 11643 citizen ID number (18 characters, valid birth date not in the future, right check character), upper-cased;
    /// foreigners (境外) may give a passport number instead. Empty when the cell is rejected.
    /// </summary>
    public static string IdNumber(RowCheck check, string column, bool foreign, DateOnly today)
    {
        var value = check.Cell(column).ToUpperInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        var masked = PersonalDataMask.IdNumber(value);
        if (value.Length == 0)
        {
            check.Reject(column, $"{column}不能为空。");
            return string.Empty;
        }
        if (foreign && value.Length != 18)
        {
            if (value.Length is >= 5 and <= 32 && value.All(char.IsAsciiLetterOrDigit))
            {
                return value;
            }
            check.Reject(column, $"证件号码 {masked} 格式不正确（应为 5–32 位字母或数字）。");
            return string.Empty;
        }
        if (value.Length != 18 || value.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(value[17]) || value[17] == 'X'))
        {
            check.Reject(column, $"身份证号 {masked} 应为 18 位（前 17 位数字，末位数字或 X）。");
            return string.Empty;
        }
        if (!CitizenIdNumber.TryGetBirthDate(value, out var birth) || birth > today || birth.Year < 1880)
        {
            check.Reject(column, $"身份证号 {masked} 中的出生日期不是有效日期。");
            return string.Empty;
        }
        if (CitizenIdNumber.CheckCharacter(value) != value[17])
        {
            check.Reject(column, $"身份证号 {masked} 的校验位不正确，请核对号码。");
            return string.Empty;
        }
        return value;
    }

    /// <summary>An 11-digit mainland mobile number starting with 1 (spaces and dashes dropped); null when empty.</summary>
    public static string? Mobile(RowCheck check, string column, bool required)
    {
        var value = check.Cell(column).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (value.StartsWith("+86", StringComparison.Ordinal))
        {
            value = value[3..];
        }
        if (value.Length == 0)
        {
            if (required)
            {
                check.Reject(column, $"{column}不能为空。");
            }
            return null;
        }
        if (value.Length != 11 || value[0] != '1' || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            check.Reject(column, $"手机号 {PersonalDataMask.Phone(value)} 应为以 1 开头的 11 位数字。");
            return null;
        }
        return value;
    }

    public static People.KeyGroups KeyGroups(RowCheck check, string column)
    {
        var groups = People.KeyGroups.None;
        foreach (var part in check.Cell(column).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (KeyGroupNames.TryGetValue(part, out var group))
            {
                groups |= group;
            }
            else
            {
                check.Reject(column, $"重点人群“{part}”不在可选范围内：{string.Join("、", KeyGroupNames.Keys)}。");
            }
        }
        return groups;
    }
}
