using System.Globalization;

namespace CommandCenter.Data.Demo.IdNumbers;

/// <summary>
/// GB 11643-1999 citizen identity numbers: 6-digit region code, 8-digit birth date, 3-digit sequence (odd for men,
/// even for women) and an ISO 7064 MOD 11-2 check character (0-9 or X).
/// </summary>
public static class CitizenIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>Builds a number; <paramref name="sequence"/> is 0..499 and is made odd for men, even for women.</summary>
    public static string Create(string regionCode, DateOnly birthDate, bool male, int sequence)
    {
        var seq = (sequence % 500 * 2) + (male ? 1 : 0);
        Span<char> chars = stackalloc char[18];
        regionCode.AsSpan().CopyTo(chars);
        birthDate.TryFormat(chars[6..], out _, "yyyyMMdd", CultureInfo.InvariantCulture);
        seq.TryFormat(chars[14..], out _, "D3", CultureInfo.InvariantCulture);
        chars[17] = CheckCharacter(chars);
        return new string(chars);
    }

    /// <summary>Checks the format, the birth date and the check character.</summary>
    public static bool IsValid(string? number)
    {
        if (number is null || number.Length != 18)
        {
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                return false;
            }
        }
        return TryGetBirthDate(number, out _) && CheckCharacter(number) == number[17];
    }

    public static bool TryGetBirthDate(string number, out DateOnly birthDate) =>
        DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate);

    /// <summary>True for a man: the 17th digit is odd.</summary>
    public static bool IsMale(string number) => (number[16] - '0') % 2 == 1;
}
