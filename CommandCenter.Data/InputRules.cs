namespace CommandCenter.Data;

/// <summary>The checks every write service applies to free text and positions, with the messages clients see.</summary>
public static class InputRules
{
    /// <summary>Null when the text is acceptable; otherwise what is wrong with it.</summary>
    public static string? TextError(string? value, int max, bool required) => value switch
    {
        null or "" when required => "Required.",
        { } v when required && string.IsNullOrWhiteSpace(v) => "Required.",
        { Length: var n } when n > max => $"At most {max} characters.",
        { } v when v.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) => "Control characters are not allowed.",
        _ => null,
    };

    public static bool IsLatitude(double value) => !double.IsNaN(value) && value is >= -90 and <= 90;

    public static bool IsLongitude(double value) => !double.IsNaN(value) && value is >= -180 and <= 180;
}
