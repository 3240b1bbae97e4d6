namespace CommandCenter.Data.Hierarchy;

/// <summary>
/// Hierarchy codes: 6 digits district (GB/T 2260) + 3 street + 3 community + 3 grid.
/// Every level's code is a prefix of the codes below it, so a scope is a code prefix.
/// </summary>
public static class HierarchyCode
{
    public const int DistrictLength = 6;
    public const int StreetLength = 9;
    public const int CommunityLength = 12;
    public const int GridLength = 15;

    public static HierarchyLevel? LevelOf(string? code) => code?.Length switch
    {
        DistrictLength => HierarchyLevel.District,
        StreetLength => HierarchyLevel.Street,
        CommunityLength => HierarchyLevel.Community,
        GridLength => HierarchyLevel.Grid,
        _ => null,
    };

    public static bool IsValid(string? code) =>
        LevelOf(code) is not null && code!.All(char.IsAsciiDigit);

    /// <summary>True when <paramref name="code"/> lies inside <paramref name="scope"/> (a null scope covers everything).</summary>
    public static bool IsWithin(string code, string? scope) =>
        string.IsNullOrEmpty(scope) || code.StartsWith(scope, StringComparison.Ordinal);

    public static string Street(string districtCode, int sequence) => districtCode + sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
    public static string Child(string parentCode, int sequence) => parentCode + sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
}
