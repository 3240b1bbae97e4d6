using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Api.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Open311;

/// <summary>
/// The filters of GET requests.{format}. <c>service_request_id</c> (a comma-separated list) overrides every other
/// filter. Without dates the last 90 days are searched; a span over 90 days is refused. At most 1000 results
/// per page; <c>page</c> / <c>page_size</c> and <c>extensions</c> are our extensions.
/// </summary>
public sealed class Open311RequestQuery
{
    public const int MaxPageSize = 1000;
    public const int MaxIds = 1000;
    public const int MaxCodes = 100;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    private static readonly IncidentStage[] ClosedStages = [IncidentStage.Closed, IncidentStage.Evaluated, IncidentStage.Rejected];

    public IReadOnlyList<long>? Ids { get; private set; }
    public IReadOnlyList<string>? ServiceCodes { get; private set; }
    public DateTime From { get; private set; }
    public DateTime To { get; private set; }
    /// <summary>Null for both; true for open only; false for closed only.</summary>
    public bool? Open { get; private set; }
    public int Page { get; private set; } = 1;
    public int PageSize { get; private set; } = MaxPageSize;
    public bool Extensions { get; private set; }

    public static (Open311RequestQuery Query, List<string> Errors) Parse(IQueryCollection query, DateTime now)
    {
        var q = new Open311RequestQuery();
        var errors = new List<string>();
        string? Value(string name) => query.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;

        if (Value("service_request_id") is { } idList)
        {
            var parts = Split(idList);
            var ids = new List<long>();
            foreach (var part in parts)
            {
                if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                {
                    ids.Add(id);
                }
                else
                {
                    errors.Add($"service_request_id: '{Clip(part)}' is not a service request id.");
                    break;
                }
            }
            if (ids.Count > MaxIds)
            {
                errors.Add($"service_request_id: at most {MaxIds} ids.");
            }
            q.Ids = [.. ids.Distinct()];
        }

        // Filters that service_request_id overrides: ignored with it, even when malformed.
        var filterErrors = new List<string>();
        if (Value("service_code") is { } codeList)
        {
            var codes = Split(codeList);
            if (codes.Count > MaxCodes)
            {
                filterErrors.Add($"service_code: at most {MaxCodes} codes.");
            }
            else if (codes.FirstOrDefault(c => c.Length > 8 || !c.All(char.IsAsciiLetterOrDigit)) is { } bad)
            {
                filterErrors.Add($"service_code: '{Clip(bad)}' is not a service code.");
            }
            q.ServiceCodes = [.. codes.Distinct(StringComparer.Ordinal)];
        }

        DateTime? start = null, end = null;
        if (Value("start_date") is { } startText)
        {
            if (Open311Formats.TryParseW3C(startText, out var parsed))
            {
                start = parsed;
            }
            else
            {
                filterErrors.Add("start_date is a W3C datetime such as 2026-03-01T08:00:00+08:00.");
            }
        }
        if (Value("end_date") is { } endText)
        {
            if (Open311Formats.TryParseW3C(endText, out var parsed))
            {
                end = parsed;
            }
            else
            {
                filterErrors.Add("end_date is a W3C datetime such as 2026-03-31T08:00:00+08:00.");
            }
        }
        if (start is { } s && end is { } e)
        {
            if (e < s)
            {
                filterErrors.Add("end_date is before start_date.");
            }
            else if (e - s > MaxSpan)
            {
                filterErrors.Add("start_date and end_date may not span more than 90 days.");
            }
        }
        (q.From, q.To) = (start, end) switch
        {
            ({ } s1, { } e1) => (s1, e1),
            ({ } s1, null) => (s1, s1 + MaxSpan),
            (null, { } e1) => (e1 - MaxSpan, e1),
            _ => (now - MaxSpan, now),
        };

        if (Value("status") is { } statusList)
        {
            var wantOpen = false;
            var wantClosed = false;
            foreach (var status in Split(statusList))
            {
                switch (status.ToLowerInvariant())
                {
                    case "open": wantOpen = true; break;
                    case "closed": wantClosed = true; break;
                    default: filterErrors.Add($"status: '{Clip(status)}' is neither open nor closed."); break;
                }
            }
            q.Open = wantOpen == wantClosed ? null : wantOpen;
        }

        if (q.Ids is null)
        {
            errors.AddRange(filterErrors);
        }

        q.Page = ParseInt(Value("page"), "page", 1, 1, 100_000, errors);
        q.PageSize = ParseInt(Value("page_size"), "page_size", MaxPageSize, 1, MaxPageSize, errors);
        switch (Value("extensions")?.ToLowerInvariant())
        {
            case null or "false" or "0": break;
            case "true" or "1": q.Extensions = true; break;
            default: errors.Add("extensions is true or false."); break;
        }
        return (q, errors);
    }

    /// <summary>The filters, with the caller's scope. SOS incidents never leave through Open311 (they reveal where vulnerable people are).</summary>
    public IQueryable<Incident> Apply(CommandCenterDbContext db, string? scopeCode)
    {
        var incidents = db.Incidents.AsNoTracking().Where(i => i.Source != SourceChannel.Sos);
        if (Ids is { } ids)
        {
            incidents = incidents.Where(i => ids.Contains(i.Id));
        }
        else
        {
            var (from, to) = (From, To);
            incidents = incidents.Where(i => i.ReportedAt >= from && i.ReportedAt <= to);
            if (ServiceCodes is { } codes)
            {
                incidents = incidents.Where(i => codes.Contains(i.Category!.Code));
            }
            if (Open is { } open)
            {
                incidents = open ? incidents.Where(i => !ClosedStages.Contains(i.Stage)) : incidents.Where(i => ClosedStages.Contains(i.Stage));
            }
        }
        return IncidentQueries.InScope(incidents, db.Grids, scopeCode);
    }

    private static List<string> Split(string list) =>
        [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string Clip(string value) => value.Length <= 32 ? value : value[..32] + "…";

    private static int ParseInt(string? value, string field, int fallback, int min, int max, List<string> errors)
    {
        if (value is null)
        {
            return fallback;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }
        errors.Add($"{field} is a whole number from {min} to {max}.");
        return fallback;
    }
}
