namespace CommandCenter.Data.Organizations;

/// <summary>统一社会信用代码 (GB 32100-2015): 2 characters of registering authority and kind, 6 of region, 9 of organisation code and a MOD 31 check character.</summary>
public static class CreditCode
{
    private const string Characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>A random code with a valid check character; <paramref name="kind"/> is e.g. 91 (enterprise) or 52 (social organisation).</summary>
    public static string Create(Random random, string kind, string regionCode)
    {
        Span<char> c = stackalloc char[18];
        kind.AsSpan().CopyTo(c);
        regionCode.AsSpan().CopyTo(c[2..]);
        for (var i = 8; i < 17; i++)
        {
            c[i] = Characters[random.Next(i < 16 ? Characters.Length : 10)];
        }
        c[17] = CheckCharacter(c);
        return new string(c);
    }

    public static bool IsValid(string? code)
    {
        if (code is null || code.Length != 18)
        {
            return false;
        }
        foreach (var ch in code)
        {
            if (!Characters.Contains(ch, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return CheckCharacter(code) == code[17];
    }

    private static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Characters.IndexOf(first17[i]) * Weights[i];
        }
        return Characters[(31 - (sum % 31)) % 31];
    }
}
