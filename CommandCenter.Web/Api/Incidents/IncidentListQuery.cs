using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Api.Incidents;

/// <summary>The filters of GET /api/v1/incidents, parsed by hand so that every bad value is a named field error.</summary>
public sealed class IncidentListQuery
{
    public const int MaxPageSize = 200;

    public IncidentStage? Stage { get; private set; }
    /// <summary>"open" or "closed" (closed includes evaluated and rejected).</summary>
    public bool? Open { get; private set; }
    public string? CategoryCode { get; private set; }
    public SourceChannel? Source { get; private set; }
    public IncidentPriority? Priority { get; private set; }
    public string? Node { get; private set; }
    public DateTime? From { get; private set; }
    public DateTime? To { get; private set; }
    public int Page { get; private set; } = 1;
    public int PageSize { get; private set; } = 50;

    public static (IncidentListQuery Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var q = new IncidentListQuery();
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
        q.PageSize = ParseInt(Value("pageSize"), "pageSize", 50, 1, MaxPageSize, errors);
        return (q, errors);
    }

    /// <summary>Applies the filters and the caller's scope. A node outside the scope matches nothing (the caller checks for 403 first).</summary>
    public async Task<IQueryable<Incident>> ApplyAsync(CommandCenterDbContext db, string? scopeCode, CancellationToken cancellationToken)
    {
        var incidents = db.Incidents.AsNoTracking();
        if (Stage is { } stage)
        {
            incidents = incidents.Where(i => i.Stage == stage);
        }
        if (Open is { } open)
        {
            var closed = new[] { IncidentStage.Closed, IncidentStage.Evaluated, IncidentStage.Rejected };
            incidents = open ? incidents.Where(i => !closed.Contains(i.Stage)) : incidents.Where(i => closed.Contains(i.Stage));
        }
        if (Source is { } source)
        {
            incidents = incidents.Where(i => i.Source == source);
        }
        if (Priority is { } priority)
        {
            incidents = incidents.Where(i => i.Priority == priority);
        }
        if (CategoryCode is { } code)
        {
            incidents = incidents.Where(i => i.Category!.Code == code);
        }
        if (From is { } from)
        {
            incidents = incidents.Where(i => i.ReportedAt >= from);
        }
        if (To is { } to)
        {
            incidents = incidents.Where(i => i.ReportedAt < to);
        }
        // The narrower of the node and the scope decides.
        var area = Node is null ? scopeCode : scopeCode is null || Node.StartsWith(scopeCode, StringComparison.Ordinal) ? Node : scopeCode;
        return await WithinAsync(db, incidents, area, cancellationToken);
    }

    /// <summary>Filters on the denormalised street, community or grid id of a hierarchy code.</summary>
    public static async Task<IQueryable<Incident>> WithinAsync(CommandCenterDbContext db, IQueryable<Incident> incidents, string? code, CancellationToken cancellationToken)
    {
        switch (HierarchyCode.LevelOf(code))
        {
            case HierarchyLevel.Street:
                var streetId = await db.Streets.Where(s => s.Code == code).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken) ?? -1;
                return incidents.Where(i => i.StreetId == streetId);
            case HierarchyLevel.Community:
                var communityId = await db.Communities.Where(c => c.Code == code).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken) ?? -1;
                return incidents.Where(i => i.CommunityId == communityId);
            case HierarchyLevel.Grid:
                var gridId = await db.Grids.Where(g => g.Code == code).Select(g => (int?)g.Id).SingleOrDefaultAsync(cancellationToken) ?? -1;
                return incidents.Where(i => i.GridId == gridId);
            case HierarchyLevel.District:
                var streetIds = db.Streets.Where(s => s.District!.Code == code).Select(s => s.Id);
                return incidents.Where(i => streetIds.Contains(i.StreetId));
            default:
                return incidents;
        }
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

    private static DateTime? ParseTime(string? value, string field, Dictionary<string, string[]> errors)
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

    private static int ParseInt(string? value, string field, int fallback, int min, int max, Dictionary<string, string[]> errors)
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
