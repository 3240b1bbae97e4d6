using System.Globalization;
using System.Reflection;

namespace CommandCenter.Data.Auditing;

/// <summary>
/// "before → after" text for an audit entry, from two snapshots of a read record: only the properties that changed,
/// as <c>Name: old → new</c>; a creation lists every value. Snapshots must already be masked where they hold personal data.
/// </summary>
public static class AuditDiff
{
    public static string Describe<T>(T? before, T after) where T : class
    {
        var parts = new List<string>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var now = Format(property.GetValue(after));
            if (before is null)
            {
                parts.Add($"{property.Name}: {now}");
                continue;
            }
            var then = Format(property.GetValue(before));
            if (!string.Equals(then, now, StringComparison.Ordinal))
            {
                parts.Add($"{property.Name}: {then} → {now}");
            }
        }
        return parts.Count == 0 ? "no change" : string.Join("; ", parts);
    }

    private static string Format(object? value) => value switch
    {
        null => "∅",
        string s => s,
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "∅",
    };
}
