using System.Globalization;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;

namespace CommandCenter.Web.Api.Incidents;

/// <summary>The query string of GET /api/v1/incidents, parsed by hand so that every bad value is a named field error.</summary>
public static class IncidentListParameters
{
    public static (IncidentListFilter Filter, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var q = new IncidentListFilter();
        var errors = new Dictionary<string, string[]>();
        string? Value(string name) => query.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

        q.Stage = ParseEnum<IncidentStage>(Value("stage"), "stage", errors);
        q.Source = ParseEnum<SourceChannel>(Value("source"), "source", errors);
        q.Priority = ParseEnum<IncidentPriority>(Value("priority"), "priority", errors);
        switch (Value("status")?.ToLowerInvariant())
        {
            case null: break;
            case "open": q.Open = true; break;
            case "closed": q.Open = false; break;
            default: errors["status"] = ["open or closed."]; break;
        }
        if (Value("category") is { } category)
        {
            if (category.Length > 8 || !category.All(char.IsAsciiLetterOrDigit))
            {
                errors["category"] = ["A category code such as E0401."];
            }
            q.CategoryCode = category;
        }
        if (Value("node") is { } node)
        {
            if (!HierarchyCode.IsValid(node))
            {
                errors["node"] = ["A hierarchy code of 6, 9, 12 or 15 ASCII digits."];
            }
            q.Node = node;
        }
        q.From = ParseTime(Value("from"), "from", errors);
        q.To = ParseTime(Value("to"), "to", errors);
        if (q.From > q.To)
        {
            errors["to"] = ["to is before from."];
        }
        q.Page = ParseInt(Value("page"), "page", 1, 1, 100_000, errors);
        q.PageSize = ParseInt(Value("pageSize"), "pageSize", 50, 1, IncidentListFilter.MaxPageSize, errors);
        return (q, errors);
    }

    private static T? ParseEnum<T>(string? value, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }
        // Names only: Enum.TryParse would also take numbers ("3"), signs and comma lists ("a, b"); names may contain digits (hotline12345).
        if (char.IsAsciiLetter(value[0]) && value.All(char.IsAsciiLetterOrDigit)
            && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }
        errors[field] = [$"One of: {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}."];
        return null;
    }

    internal static DateTime? ParseTime(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }
        errors[field] = ["An ISO-8601 time such as 2026-11-22T08:00:00+08:00."];
        return null;
    }

    internal static int ParseInt(string? value, string field, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return fallback;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }
        errors[field] = [$"A whole number from {min} to {max}."];
        return fallback;
    }
}
