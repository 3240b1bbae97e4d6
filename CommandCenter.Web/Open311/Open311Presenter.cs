using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Open311;

/// <summary>Turns categories and incidents into GeoReport v2 elements. No reporter data ever leaves through Open311.</summary>
public static class Open311Presenter
{
    /// <summary>The history actions shown as notes; supervision and breach flags are internal.</summary>
    private static readonly Dictionary<IncidentAction, string> PublicActions = new()
    {
        [IncidentAction.Report] = "已受理",
        [IncidentAction.File] = "已立案",
        [IncidentAction.Reject] = "已作废",
        [IncidentAction.Dispatch] = "已派遣",
        [IncidentAction.Accept] = "处置中",
        [IncidentAction.Escalate] = "已上报上级处置",
        [IncidentAction.Feedback] = "已反馈处置结果",
        [IncidentAction.Close] = "已核查结案",
        [IncidentAction.Rework] = "返工",
        [IncidentAction.Extend] = "已延期",
        [IncidentAction.Reply] = "已答复",
        [IncidentAction.CallBack] = "已回访",
        [IncidentAction.Rate] = "已评价",
    };

    public static string Status(IncidentStage stage) =>
        stage is IncidentStage.Closed or IncidentStage.Evaluated or IncidentStage.Rejected ? "closed" : "open";

    public static string KindName(CategoryKind kind) => kind switch
    {
        CategoryKind.Component => "部件",
        CategoryKind.Event => "事件",
        _ => "社会治理",
    };

    public static Open311Object Service(IncidentCategory c) => new Open311Object("service")
        .Add("service_code", c.Code)
        .Add("service_name", c.MinorName)
        .Add("description", $"{KindName(c.Kind)} · {c.MajorName} · {c.MinorName}")
        .Add("metadata", false)
        .Add("type", "realtime")
        .Add("keywords", string.Join(',', new[] { c.MajorName, c.MinorName, KindName(c.Kind) }.Distinct(StringComparer.Ordinal)))
        .Add("group", c.MajorName);

    public static Open311Object ServiceDefinition(IncidentCategory c) => new Open311Object("service_definition")
        .Add("service_code", c.Code)
        .Add("attributes", new Open311List("attributes", "attribute", []));

    /// <summary>The answer to a POST: the spec's list with one element.</summary>
    public static Open311List Created(Incident incident, string? accountId) => new("service_requests", "request",
    [
        new Open311Object("request")
            .Add("service_request_id", Id(incident.Id))
            .Add("token", incident.Number)
            .Add("service_notice", Notice(incident))
            .Add("account_id", accountId),
    ]);

    public static Open311List Token(Incident incident) => new("service_requests", "request",
    [
        new Open311Object("request").Add("service_request_id", Id(incident.Id)).Add("token", incident.Number),
    ]);

    public static string Notice(Incident incident) =>
        $"已受理，事件编号 {incident.Number}，将于 {Open311Formats.W3C(incident.ReplyDueAt)} 前答复、{Open311Formats.W3C(incident.ResolveDueAt)} 前办结。";

    /// <summary>ids as strings: clients treat them as opaque, and JavaScript loses precision past 2^53.</summary>
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The service_requests list for incidents already loaded with Category and HandlingUnit, in their order.
    /// Loads grid codes, the latest status note and (with <paramref name="withNotes"/>) the history notes.
    /// </summary>
    public static async Task<Open311List> RequestsAsync(CommandCenterDbContext db, IReadOnlyList<Incident> incidents, bool withNotes, CancellationToken cancellationToken)
    {
        var ids = incidents.Select(i => i.Id).ToList();
        var gridIds = incidents.Select(i => i.GridId).Distinct().ToList();
        var grids = await db.Grids.AsNoTracking().Where(g => gridIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Code, g.Name }).ToDictionaryAsync(g => g.Id, cancellationToken);
        var publicActions = PublicActions.Keys.ToList();
        var historyRows = ids.Count == 0 ? [] : await db.IncidentHistory.AsNoTracking()
            .Where(h => ids.Contains(h.IncidentId) && publicActions.Contains(h.Action) && (withNotes || h.Note != null))
            .Select(h => new { h.IncidentId, h.Version, h.Action, h.ToStage, h.Note, h.At, h.Id })
            .ToListAsync(cancellationToken);
        var history = historyRows.GroupBy(h => h.IncidentId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Version).ThenBy(h => h.Id).ToList());

        var items = new List<object?>(incidents.Count);
        foreach (var i in incidents)
        {
            var rows = history.GetValueOrDefault(i.Id);
            var (description, legacyMediaUrl) = i.Source == SourceChannel.Open311 ? Open311ReportForm.SplitMedia(i.Description) : (i.Description, null);
            var photos = IncidentPhotos.Split(i.PhotoUrls);
            var mediaUrl = photos.Count > 0 ? photos[0] : legacyMediaUrl;
            var grid = grids.GetValueOrDefault(i.GridId);
            var request = new Open311Object("request")
                .Add("service_request_id", Id(i.Id))
                .Add("status", Status(i.Stage))
                .Add("status_notes", PersonalDataMask.FreeText(rows?.LastOrDefault(h => !string.IsNullOrWhiteSpace(h.Note))?.Note))
                .Add("service_name", i.Category?.MinorName)
                .Add("service_code", i.Category?.Code)
                .Add("description", PersonalDataMask.FreeText(string.IsNullOrEmpty(description) ? i.Title : description))
                .Add("agency_responsible", i.HandlingUnit?.Name)
                .Add("service_notice", null)
                .Add("requested_datetime", i.ReportedAt)
                .Add("updated_datetime", i.UpdatedAt)
                .Add("expected_datetime", i.ResolveDueAt)
                .Add("address", i.Address ?? grid?.Name)
                .Add("address_id", grid?.Code)
                .Add("zipcode", null)
                .Add("lat", i.Latitude)
                .Add("long", i.Longitude)
                .Add("media_url", mediaUrl);
            if (withNotes)
            {
                request.Add("notes", new Open311List("notes", "note", (rows ?? []).Select(h => (object?)new Open311Object("note")
                    .Add("datetime", h.At)
                    .Add("description", string.IsNullOrWhiteSpace(h.Note) ? PublicActions[h.Action] : $"{PublicActions[h.Action]}：{PersonalDataMask.FreeText(h.Note)}")
                    .Add("type", TypeName(h.Action))
                    .Add("status", Status(h.ToStage)))));
            }
            items.Add(request);
        }
        return new Open311List("service_requests", "request", items);
    }

    /// <summary>snake_case of the action: report, file, dispatch, call_back …</summary>
    public static string TypeName(IncidentAction action)
    {
        var name = action.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var k = 0; k < name.Length; k++)
        {
            if (char.IsUpper(name[k]) && k > 0)
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(name[k]));
        }
        return builder.ToString();
    }
}
