using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.Sos;

namespace CommandCenter.Data.Demo;

/// <summary>The rules on the rows that hang off an incident: history, supervisions, call-backs, ratings, SOS alarms.</summary>
public static partial class DemoInvariants
{
    /// <summary>The history replays to the incident: versions 1..n in time order, each row starting where the last ended.</summary>
    private static void CheckHistory(DemoIncidentRows rows, Dictionary<long, Incident> incidents, List<DemoInvariantViolation> violations)
    {
        var byIncident = rows.History.GroupBy(h => h.IncidentId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Version).ToList());
        foreach (var incidentId in byIncident.Keys.Where(k => !incidents.ContainsKey(k)))
        {
            Add(violations, "history", "history of a missing incident", Id(nameof(Incident), incidentId));
        }
        foreach (var incident in rows.Incidents)
        {
            var id = Id(nameof(Incident), incident.Id);
            if (!byIncident.TryGetValue(incident.Id, out var history))
            {
                Add(violations, "history", "incident without history", id);
                continue;
            }
            var first = history[0];
            if (first.Action != IncidentAction.Report || first.ToStage != IncidentStage.Reported || first.At != incident.ReportedAt)
            {
                Add(violations, "history", $"the history starts with {first.Action} → {first.ToStage} at {first.At:O}, not the report", id, Id(nameof(IncidentHistory), first.Id));
            }
            for (var k = 1; k < history.Count; k++)
            {
                var (previous, row) = (history[k - 1], history[k]);
                if (row.Version != previous.Version + 1 || row.FromStage != previous.ToStage || row.At < previous.At)
                {
                    Add(violations, "history", $"v{row.Version} {row.Action} ({row.FromStage} → {row.ToStage} at {row.At:O}) does not follow v{previous.Version} ({previous.ToStage} at {previous.At:O})",
                        id, Id(nameof(IncidentHistory), row.Id));
                    break;
                }
            }
            var last = history[^1];
            if (last.ToStage != incident.Stage || last.Version != incident.Version || last.At != incident.UpdatedAt)
            {
                Add(violations, "history", $"the last history row (v{last.Version}, {last.ToStage}, {last.At:O}) is not the incident (v{incident.Version}, {incident.Stage}, {incident.UpdatedAt:O})",
                    id, Id(nameof(IncidentHistory), last.Id));
            }
        }
    }

    /// <summary>督办 follows a clock past its deadline and ends when the incident does (IncidentTransitionService).</summary>
    private static void CheckSupervisions(DemoIncidentRows rows, Dictionary<long, Incident> incidents, List<DemoInvariantViolation> violations)
    {
        foreach (var s in rows.Supervisions)
        {
            var sid = Id(nameof(Supervision), s.Id);
            if (!incidents.TryGetValue(s.IncidentId, out var incident))
            {
                Add(violations, "supervision", "supervision of a missing incident", sid);
                continue;
            }
            var id = Id(nameof(Incident), incident.Id);
            var due = s.Clock switch { SlaClock.Respond => incident.RespondDueAt, SlaClock.Reply => incident.ReplyDueAt, _ => incident.ResolveDueAt };
            if (s.CreatedAt < due)
            {
                Add(violations, "supervision", $"{s.Clock} supervision opened at {s.CreatedAt:O}, before the deadline {due:O}", sid, id);
            }
            if (s.ResolvedAt is { } resolved && resolved < s.CreatedAt)
            {
                Add(violations, "supervision", $"resolved at {resolved:O}, before it was opened at {s.CreatedAt:O}", sid, id);
            }
            if (incident.IsOpen ? s.ResolvedAt is not null : s.ResolvedAt is null || s.ResolvedAt > EndedAt(incident))
            {
                Add(violations, "supervision", $"resolved at {s.ResolvedAt?.ToString("O") ?? "null"} on a {incident.Stage} incident that ended at {EndedAt(incident)?.ToString("O") ?? "null"}", sid, id);
            }
        }
    }

    /// <summary>Call-backs and 好差评 ratings come after closing; a rating makes the incident Evaluated (one rating each).</summary>
    private static void CheckRatingsAndCallBacks(DemoIncidentRows rows, Dictionary<long, Incident> incidents, List<DemoInvariantViolation> violations)
    {
        foreach (var c in rows.CallBacks)
        {
            var cid = Id(nameof(CallBack), c.Id);
            if (!incidents.TryGetValue(c.IncidentId, out var incident))
            {
                Add(violations, "callback", "call-back of a missing incident", cid);
            }
            else if (!IsClosed(incident) || c.At < incident.ClosedAt)
            {
                Add(violations, "callback", $"call-back at {c.At:O} on a {incident.Stage} incident closed at {incident.ClosedAt?.ToString("O") ?? "null"}", cid, Id(nameof(Incident), incident.Id));
            }
        }

        var rated = new HashSet<long>();
        foreach (var r in rows.Ratings)
        {
            var rid = Id(nameof(Rating), r.Id);
            if ((r.IncidentId is null) == (r.ServiceOrderId is null))
            {
                Add(violations, "rating", "a rating belongs to exactly one incident or service order", rid);
            }
            if (r.IncidentId is not { } incidentId)
            {
                continue;
            }
            if (!incidents.TryGetValue(incidentId, out var incident))
            {
                Add(violations, "rating", "rating of a missing incident", rid);
                continue;
            }
            var id = Id(nameof(Incident), incident.Id);
            if (!rated.Add(incidentId))
            {
                Add(violations, "rating", "a second rating of the same incident", rid, id);
            }
            if (incident.Stage != IncidentStage.Evaluated || r.RatedAt < incident.ClosedAt || r.RatedAt != incident.EvaluatedAt)
            {
                Add(violations, "rating", $"rated at {r.RatedAt:O} on a {incident.Stage} incident (closed {incident.ClosedAt?.ToString("O") ?? "null"}, evaluated {incident.EvaluatedAt?.ToString("O") ?? "null"})", rid, id);
            }
            if (r.GridId != incident.GridId)
            {
                Add(violations, "rating", $"rating in grid {r.GridId}, incident in grid {incident.GridId}", rid, id);
            }
        }
        foreach (var incident in rows.Incidents.Where(i => i.Stage == IncidentStage.Evaluated && !rated.Contains(i.Id)))
        {
            Add(violations, "rating", "an evaluated incident without a rating", Id(nameof(Incident), incident.Id));
        }
    }

    /// <summary>
    /// An alarm rings until someone acknowledges it or its incident ends; when the incident ends the alarm ends with it
    /// (resolved when closed, a false alarm when voided). An alarm without an incident can only be a false alarm.
    /// </summary>
    private static void CheckSosAlerts(DemoIncidentRows rows, Dictionary<long, Incident> incidents, DateTime now, List<DemoInvariantViolation> violations)
    {
        var alerted = new HashSet<long>();
        foreach (var a in rows.SosAlerts)
        {
            var aid = Id(nameof(SosAlert), a.Id);
            if (a.ReceivedAt < a.RaisedAt || a.ReceivedAt > now)
            {
                Add(violations, "sos-timestamps", $"received at {a.ReceivedAt:O}, raised at {a.RaisedAt:O}", aid);
            }
            var acknowledged = a.Status != SosStatus.Raised;
            if ((a.AcknowledgedAt is not null) != acknowledged || (a.AcknowledgedBy is not null) != acknowledged)
            {
                Add(violations, "sos-acknowledgement", $"status {a.Status} with AcknowledgedAt {a.AcknowledgedAt?.ToString("O") ?? "null"} by {a.AcknowledgedBy ?? "nobody"}", aid);
            }
            if (a.AcknowledgedAt is { } ackAt && (ackAt < a.ReceivedAt || ackAt > now))
            {
                Add(violations, "sos-timestamps", $"acknowledged at {ackAt:O}, outside received {a.ReceivedAt:O} .. now", aid);
            }
            if (a.IncidentId is not { } incidentId)
            {
                if (a.Status != SosStatus.FalseAlarm)
                {
                    Add(violations, "sos-state", $"an alarm without an incident is {a.Status}; nothing could ever end it", aid);
                }
                continue;
            }
            if (!incidents.TryGetValue(incidentId, out var incident))
            {
                Add(violations, "sos-state", "alarm of a missing incident", aid);
                continue;
            }
            alerted.Add(incidentId);
            var id = Id(nameof(Incident), incident.Id);
            var expected = incident.Stage == IncidentStage.Rejected ? [SosStatus.FalseAlarm]
                : IsClosed(incident) ? [SosStatus.Resolved]
                : new[] { SosStatus.Raised, SosStatus.Acknowledged };
            if (!expected.Contains(a.Status))
            {
                Add(violations, "sos-state", $"alarm {a.Status} on a {incident.Stage} incident (ended {EndedAt(incident)?.ToString("O") ?? "never"})", aid, id);
            }
            if (a.GridId != incident.GridId)
            {
                Add(violations, "sos-state", $"alarm in grid {a.GridId}, incident in grid {incident.GridId}", aid, id);
            }
            // The incident is reported at the device's time (SosIntakeService), and the alarm is acknowledged by the time it ends.
            if (incident.ReportedAt < a.RaisedAt || incident.ReportedAt > a.ReceivedAt || a.AcknowledgedAt > EndedAt(incident))
            {
                Add(violations, "sos-timestamps", $"raised {a.RaisedAt:O}, received {a.ReceivedAt:O}, acknowledged {a.AcknowledgedAt?.ToString("O") ?? "null"}; the incident was reported {incident.ReportedAt:O} and ended {EndedAt(incident)?.ToString("O") ?? "never"}", aid, id);
            }
        }
        foreach (var incident in rows.Incidents.Where(i => i.Source == SourceChannel.Sos && !alerted.Contains(i.Id)))
        {
            Add(violations, "sos-state", "an SOS incident without its alarm", Id(nameof(Incident), incident.Id));
        }
    }
}
