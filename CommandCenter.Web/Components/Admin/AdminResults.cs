using CommandCenter.Data;

namespace CommandCenter.Web.Components.Admin;

/// <summary>Results shared by the administration services.</summary>
internal static class AdminResults
{
    public static OperationResult<T> Conflict<T>(string message) => new(OperationStatus.Conflict, Message: message);

    public static OperationResult<T> Invalid<T>(Dictionary<string, List<string>> errors) => new(
        OperationStatus.Invalid,
        Errors: errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        Message: string.Join(" ", errors.SelectMany(e => e.Value)));

    /// <summary>"before → after", with "—" for nothing.</summary>
    public static string Change(string field, object? before, object? after) => $"{field}: {Show(before)} → {Show(after)}";

    public static string Show(object? value) => value switch
    {
        null => "—",
        string s when s.Length == 0 => "—",
        bool b => b ? "true" : "false",
        IEnumerable<string> list => $"[{string.Join(", ", list)}]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "—",
    };
}
