using System.Globalization;
using System.Security.Claims;
using CommandCenter.Data;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Jobs.Analytics;
using CommandCenter.Web.Api;
using Hangfire;

namespace CommandCenter.Web.Components.Analytics;

/// <summary>
/// POST /api/v1/analytics/rebuild {"from":"yyyy-MM-dd","to":"yyyy-MM-dd"}: an administrator queues a full rebuild of
/// the incident rollups of a range of China days (after an import or a correction of old data). The hourly incremental
/// run covers everyday changes; this is for data that changed without passing through the app. 202 with the job's
/// id (the Hangfire dashboard shows its progress); audited.
/// </summary>
public static class AnalyticsRebuildEndpoint
{
    public const string Path = "/api/v1/analytics/rebuild";

    /// <summary>The longest range one request may rebuild (a year takes about 20 s on the demo district).</summary>
    public const int MaxDays = 400;

    public sealed record RebuildRequest(string? From, string? To);

    public sealed record QueuedRebuild(string JobId, string From, string To, int Days);

    public static IEndpointRouteBuilder MapAnalyticsRebuild(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, QueueAsync).RequireAuthorization(p => p.RequireRole(Roles.Admin)).WithTags("Analytics")
            .WithSummary("Queue a full rebuild of the incident rollups of a range of days (administrators)");
        return app;
    }

    private static async Task<IResult> QueueAsync(HttpContext http, IBackgroundJobClient jobs, AuditLog audit, TimeProvider time, ClaimsPrincipal caller)
    {
        var (request, _, problem) = await ApiJson.ReadAsync<RebuildRequest>(http.Request, http.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new Dictionary<string, string[]>();
        var from = Day(request!.From, "from", errors);
        var to = Day(request.To, "to", errors);
        var today = ChinaDay.Of(time.GetUtcNow().UtcDateTime);
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                errors["to"] = ["Not before from."];
            }
            else if (t.DayNumber - f.DayNumber + 1 > MaxDays)
            {
                errors["to"] = [$"At most {MaxDays} days per rebuild."];
            }
            if (t > today)
            {
                errors["to"] = ["Not after today (China time)."];
            }
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Unprocessable(errors, "The range to rebuild is invalid.");
        }
        var jobId = AnalyticsRebuildJob.Enqueue(jobs, from!.Value, to!.Value);
        var days = to.Value.DayNumber - from.Value.DayNumber + 1;
        await audit.AppendAsync(new AuditRecord(caller.FindFirstValue(ClaimTypes.NameIdentifier), caller.Identity?.Name ?? "?", "analytics.rebuild",
            "Hangfire job", jobId, $"{Text(from.Value)}..{Text(to.Value)} ({days} days)", http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
        return TypedResults.Accepted($"/hangfire/jobs/details/{jobId}", new QueuedRebuild(jobId, Text(from.Value), Text(to.Value), days));
    }

    private static DateOnly? Day(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(value, AnalyticsRebuildJob.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[field] = [$"Required, as {AnalyticsRebuildJob.DateFormat}."];
        return null;
    }

    private static string Text(DateOnly day) => day.ToString(AnalyticsRebuildJob.DateFormat, CultureInfo.InvariantCulture);
}
