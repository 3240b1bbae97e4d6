using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Auditing;
using CommandCenter.Web.Api.Incidents;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Components.Admin;
using CommandCenter.Web.Components.Analytics;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Web.Api.Admin;

/// <summary>/api/v1/admin/audit: the audit administrator's view of the audit log and its chain check (sessions only; API keys never).</summary>
public static class AdminAuditEndpoints
{
    public const string ExportAction = "audit.export";
    public const string ExportPath = "/admin/audit/export.csv";

    public sealed record AuditEntryDto(
        long Id, DateTime At, string? UserId, string UserName, string Action, string? EntityType, string? EntityId, string? Detail, string? RemoteIp);

    public sealed record AuditPageDto(int Total, int Page, int PageSize, IReadOnlyList<AuditEntryDto> Items);

    public sealed record AuditVerifyDto(bool Intact, long Checked, long? FirstBad);

    public static RouteGroupBuilder MapAdminAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/admin/audit").WithTags("Administration").RequireAuthorization(AuthorizationPolicies.AuditAdministration);
        audit.MapGet("/", SearchAsync)
            .WithSummary("Audit entries, newest first: user (id or name), action (exact, or a prefix ending in '.'), from/to (ISO-8601), page, pageSize (up to 200); details masked");
        audit.MapPost("/verify", VerifyAsync)
            .WithSummary("Check the keyed hash chain and its signed head: {intact, checked, firstBad}");
        return api;
    }

    /// <summary>GET /admin/audit/export.csv with the page's filter (user, action, from, to): the masked entries as CSV; audited.</summary>
    public static RouteGroupBuilder MapAdminAuditExport(this RouteGroupBuilder root)
    {
        root.MapGet(ExportPath, ExportAsync).RequireAuthorization(AuthorizationPolicies.AuditAdministration).ExcludeFromDescription();
        return root;
    }

    /// <summary>The export link of a filter.</summary>
    public static string ExportUrl(AuditFilter filter) => QueryHelpers.AddQueryString(ExportPath, new Dictionary<string, string?>
    {
        ["user"] = filter.User,
        ["action"] = filter.Action,
        ["from"] = filter.From?.ToString("O", CultureInfo.InvariantCulture),
        ["to"] = filter.To?.ToString("O", CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    /// <summary>The filter of the query string; every bad value is a named field error.</summary>
    public static (AuditFilter Filter, int Page, int PageSize, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        string? Value(string name) => query.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        var user = Value("user");
        if (user is { Length: > 450 })
        {
            errors["user"] = ["At most 450 characters."];
        }
        var action = Value("action");
        if (action is { Length: > 64 })
        {
            errors["action"] = ["At most 64 characters."];
        }
        var from = IncidentListParameters.ParseTime(Value("from"), "from", errors);
        var to = IncidentListParameters.ParseTime(Value("to"), "to", errors);
        if (from > to)
        {
            errors["to"] = ["to is before from."];
        }
        var page = IncidentListParameters.ParseInt(Value("page"), "page", 1, 1, 100_000, errors);
        var pageSize = IncidentListParameters.ParseInt(Value("pageSize"), "pageSize", 50, 1, AuditQueries.MaxPageSize, errors);
        return (new AuditFilter(user, action, from, to), page, pageSize, errors);
    }

    private static async Task<IResult> SearchAsync(HttpContext http, AuditQueries queries, CancellationToken cancellationToken)
    {
        var (filter, page, pageSize, errors) = Parse(http.Request.Query);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("The query string has invalid values.", errors);
        }
        var result = await queries.SearchAsync(filter, page, pageSize, cancellationToken);
        return TypedResults.Ok(new AuditPageDto(result.Total, result.Page, result.PageSize, [.. result.Items.Select(e =>
            new AuditEntryDto(e.Id, e.At, e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId, e.Detail, e.RemoteIp))]));
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, AuditQueries queries, AuditLog audit, IStringLocalizer<AuditResource> l, TimeProvider time, CancellationToken cancellationToken)
    {
        var (filter, _, _, errors) = Parse(http.Request.Query);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("The query string has invalid values.", errors);
        }
        var entries = await queries.ExportAsync(filter, cancellationToken);
        var actor = http.AuditActor();
        await audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, ExportAction, "AuditEntry", null,
            $"{entries.Count} entries; user={filter.User ?? "*"}, action={filter.Action ?? "*"}, from={filter.From:O}, to={filter.To:O}", actor.RemoteIp), cancellationToken);
        var table = new AnalyticsTable("audit", l["Export.Title"],
            [l["Col.Id"], l["Col.At"], l["Col.User"], l["Col.Action"], l["Col.Entity"], l["Col.Detail"], l["Col.Ip"]],
            [.. entries.Select(e => new AnalyticsRow(null, [e.Id, AdminFormat.ChinaSecond(e.At), e.UserName, e.Action, Entity(e), e.Detail, e.RemoteIp]))]);
        var name = string.Create(CultureInfo.InvariantCulture, $"audit-{ChinaDay.Local(time.GetUtcNow().UtcDateTime):yyyyMMdd-HHmmss}.csv");
        return Results.File(AnalyticsExport.Csv([table]), "text/csv; charset=utf-8", name);
    }

    /// <summary>"type #id" of an entry's object, empty without one.</summary>
    public static string Entity(AuditEntryRecord e) => e.EntityType is null ? string.Empty : e.EntityId is null ? e.EntityType : $"{e.EntityType} #{e.EntityId}";

    private static async Task<IResult> VerifyAsync(HttpContext http, AuditChainVerifier verifier, CancellationToken cancellationToken)
    {
        var result = await verifier.VerifyForAsync(http.AuditActor(), cancellationToken);
        return TypedResults.Ok(new AuditVerifyDto(result.IsIntact, result.EntriesChecked, result.FirstBrokenId));
    }
}
