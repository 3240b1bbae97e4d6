namespace CommandCenter.Data.Privacy;

/// <summary>
/// Server-side masks for personal data (GB/T 35273 practice): phone 138****1234, ID number 610202********1234, name 张*.
/// Apply before a value enters a circuit, a JSON response, an export or a log.
/// </summary>
public static class PersonalDataMask
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

    private static readonly HashSet<string> CompoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙"];
}
