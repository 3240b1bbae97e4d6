namespace CommandCenter.Data.People;

/// <summary>Formats of personal data fields.</summary>
public static class PersonalDataFormats
{
    /// <summary>ASCII digits with optional leading + and inner dashes, 3–20 characters (full-width digits are refused).</summary>
    public static bool IsPhone(string value)
    {
        if (value.Length is < 3 or > 20)
        {
            return false;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!(char.IsAsciiDigit(c) || (c == '+' && i == 0) || (c == '-' && i > 0)))
            {
                return false;
            }
        }
        return true;
    }
}
