using System.Globalization;
using CommandCenter.Data.Demo.Generators;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Demo;

/// <summary>One broken domain rule: which rule, what is wrong, and the rows involved ("Incident#12", "SosAlert#3").</summary>
public sealed record DemoInvariantViolation(string Rule, string Message, IReadOnlyList<string> Ids)
{
    public override string ToString() => $"{Rule}: {Message} [{string.Join(", ", Ids)}]";
}

/// <summary>The incident-side rows of a demo district that the invariants are checked on.</summary>
public sealed record DemoIncidentRows(
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<IncidentHistory> History,
    IReadOnlyList<Supervision> Supervisions,
    IReadOnlyList<CallBack> CallBacks,
    IReadOnlyList<Rating> Ratings,
    IReadOnlyList<SosAlert> SosAlerts)
{
    /// <summary>Picks the incident-side tables out of a generated district (the other tables pass by).</summary>
    public static DemoIncidentRows From(IEnumerable<DemoTable> tables)
    {
        var rows = tables.Where(t => Types.Contains(t.EntityType)).ToDictionary(t => t.EntityType, t => t.Rows);
        List<T> Of<T>() => rows.TryGetValue(typeof(T), out var list) ? [.. list.Cast<T>()] : [];
        return new(Of<Incident>(), Of<IncidentHistory>(), Of<Supervision>(), Of<CallBack>(), Of<Rating>(), Of<SosAlert>());
    }

    /// <summary>The entity types of the tables this holds.</summary>
    public static readonly IReadOnlySet<Type> Types = new HashSet<Type>
    {
        typeof(Incident), typeof(IncidentHistory), typeof(Supervision), typeof(CallBack), typeof(Rating), typeof(SosAlert),
    };

    public static async Task<DemoIncidentRows> LoadAsync(CommandCenterDbContext db, CancellationToken cancellationToken = default) => new(
        await db.Incidents.AsNoTracking().OrderBy(x => x.Id).ToListAsync(cancellationToken),
        await db.IncidentHistory.AsNoTracking().OrderBy(x => x.Id).ToListAsync(cancellationToken),
        await db.Supervisions.AsNoTracking().OrderBy(x => x.Id).ToListAsync(cancellationToken),
        await db.CallBacks.AsNoTracking().OrderBy(x => x.Id).ToListAsync(cancellationToken),
        await db.Ratings.AsNoTracking().OrderBy(x => x.Id).ToListAsync(cancellationToken),
        await db.SosAlerts.AsNoTracking().OrderBy(x => x.Id).ToListAsync(cancellationToken));
}

/// <summary>
/// The domain rules (docs: domain.md §6 lifecycle, §1/§7 SLA clocks) that generated demo data must keep, checked
/// after generation: the lifecycle timestamps agree with the stage and come in stage order, the breach flags follow the
/// clocks, ratings and call-backs belong to closed incidents, the history replays to the incident, and an SOS alarm
/// ends with its incident (resolved when it closes, a false alarm when it is voided, as
/// <see cref="IncidentTransitionService"/> settles them). Pure: returns the violations, never throws.
/// </summary>
public static partial class DemoInvariants
{
    /// <param name="now">The generation anchor: open clocks are judged against it, and nothing may lie after it.</param>
    public static IReadOnlyList<DemoInvariantViolation> Check(DemoIncidentRows rows, DateTime now)
    {
        var violations = new List<DemoInvariantViolation>();
        var incidents = rows.Incidents.ToDictionary(i => i.Id);
        foreach (var incident in rows.Incidents)
        {
            CheckLifecycle(incident, now, violations);
            CheckSla(incident, now, violations);
        }
        CheckHistory(rows, incidents, violations);
        CheckSupervisions(rows, incidents, violations);
        CheckRatingsAndCallBacks(rows, incidents, violations);
        CheckSosAlerts(rows, incidents, now, violations);
        return violations;
    }

    /// <summary>Loads the rows from a database and checks them.</summary>
    public static async Task<IReadOnlyList<DemoInvariantViolation>> CheckAsync(CommandCenterDbContext db, DateTime now, CancellationToken cancellationToken = default) =>
        Check(await DemoIncidentRows.LoadAsync(db, cancellationToken), now);

    private static bool IsClosed(Incident i) => i.Stage is IncidentStage.Closed or IncidentStage.Evaluated;

    /// <summary>When the incident stopped running its clocks: closed, voided, or still open (null).</summary>
    private static DateTime? EndedAt(Incident i) => i.ClosedAt ?? i.RejectedAt;

    private static string Id(string entity, long id) => entity + "#" + id.ToString(CultureInfo.InvariantCulture);

    private static void Add(List<DemoInvariantViolation> violations, string rule, string message, params string[] ids) =>
        violations.Add(new DemoInvariantViolation(rule, message, ids));

    private static void CheckLifecycle(Incident i, DateTime now, List<DemoInvariantViolation> violations)
    {
        var id = Id(nameof(Incident), i.Id);
        var rejected = i.Stage == IncidentStage.Rejected;

        // Each stage has its own timestamp, and the stages after it have none.
        void Present(string name, DateTime? at, bool expected)
        {
            if ((at is not null) != expected)
            {
                Add(violations, "stage-timestamps", $"stage {i.Stage} {(expected ? "needs" : "must not have")} {name}", id);
            }
        }
        Present(nameof(Incident.RejectedAt), i.RejectedAt, rejected);
        Present(nameof(Incident.ClosedAt), i.ClosedAt, IsClosed(i));
        Present(nameof(Incident.EvaluatedAt), i.EvaluatedAt, i.Stage == IncidentStage.Evaluated);
        if ((i.ClosedTier is not null) != IsClosed(i))
        {
            Add(violations, "stage-timestamps", $"stage {i.Stage} with ClosedTier {i.ClosedTier?.ToString() ?? "null"}", id);
        }
        if (!rejected)
        {
            Present(nameof(Incident.FiledAt), i.FiledAt, i.Stage >= IncidentStage.Filed);
            Present(nameof(Incident.DispatchedAt), i.DispatchedAt, i.Stage >= IncidentStage.Dispatched);
            if (i.Stage >= IncidentStage.Handling)
            {
                Present(nameof(Incident.RespondedAt), i.RespondedAt, true);
            }
            if (i.Stage >= IncidentStage.Feedback)
            {
                Present(nameof(Incident.FeedbackAt), i.FeedbackAt, true);
            }
            if (i.Stage <= IncidentStage.Filed)
            {
                Present(nameof(Incident.RespondedAt), i.RespondedAt, false);
            }
            if (i.Stage <= IncidentStage.Dispatched)
            {
                Present(nameof(Incident.FeedbackAt), i.FeedbackAt, false);
            }
        }
        else
        {
            // Voided from 信息采集 or 立案: never dispatched.
            Present(nameof(Incident.DispatchedAt), i.DispatchedAt, false);
            Present(nameof(Incident.RespondedAt), i.RespondedAt, false);
            Present(nameof(Incident.FeedbackAt), i.FeedbackAt, false);
        }
        if (IsClosed(i))
        {
            // Closing replies to the reporter if nobody had (IncidentLifecycle.Apply, Close).
            Present(nameof(Incident.RepliedAt), i.RepliedAt, true);
        }

        // Stage order: Reported ≤ Filed ≤ Dispatched ≤ Responded ≤ Feedback ≤ Closed ≤ Evaluated ≤ now; Filed ≤ Rejected.
        (string Name, DateTime? At)[] chain =
        [
            (nameof(Incident.ReportedAt), i.ReportedAt), (nameof(Incident.FiledAt), i.FiledAt), (nameof(Incident.DispatchedAt), i.DispatchedAt),
            (nameof(Incident.RespondedAt), i.RespondedAt), (nameof(Incident.FeedbackAt), i.FeedbackAt), (nameof(Incident.ClosedAt), i.ClosedAt),
            (nameof(Incident.EvaluatedAt), i.EvaluatedAt), ("now", now),
        ];
        InOrder(chain, id, violations);
        InOrder([(nameof(Incident.ReportedAt), i.ReportedAt), (nameof(Incident.FiledAt), i.FiledAt), (nameof(Incident.RejectedAt), i.RejectedAt), ("now", now)], id, violations);
        InOrder([(nameof(Incident.ReportedAt), i.ReportedAt), (nameof(Incident.RepliedAt), i.RepliedAt), (nameof(Incident.ClosedAt), i.ClosedAt), ("now", now)], id, violations);
        if (i.UpdatedAt < i.ReportedAt || i.UpdatedAt > now)
        {
            Add(violations, "timestamp-order", $"UpdatedAt {i.UpdatedAt:O} lies outside ReportedAt {i.ReportedAt:O} .. now", id);
        }
    }

    private static void InOrder((string Name, DateTime? At)[] chain, string id, List<DemoInvariantViolation> violations)
    {
        (string Name, DateTime At)? previous = null;
        foreach (var (name, at) in chain)
        {
            if (at is not { } value)
            {
                continue;
            }
            if (previous is { } p && value < p.At)
            {
                Add(violations, "timestamp-order", $"{name} {value:O} is before {p.Name} {p.At:O}", id);
            }
            previous = (name, value);
        }
    }

    /// <summary>
    /// A clock is breached when it was met late, or, not met, when the incident ended (closed or voided) or — still
    /// open — now lies after the deadline. Deadlines run from the report time (domain.md §6 step 3).
    /// </summary>
    private static void CheckSla(Incident i, DateTime now, List<DemoInvariantViolation> violations)
    {
        var id = Id(nameof(Incident), i.Id);
        var stop = EndedAt(i) ?? now;
        Clock(nameof(Incident.RespondBreached), i.RespondBreached, i.RespondedAt ?? stop, i.RespondDueAt);
        Clock(nameof(Incident.ReplyBreached), i.ReplyBreached, i.RepliedAt ?? stop, i.ReplyDueAt);
        Clock(nameof(Incident.ResolveBreached), i.ResolveBreached, i.ClosedAt ?? stop, i.ResolveDueAt);
        if (i.RespondDueAt <= i.ReportedAt || i.ReplyDueAt <= i.ReportedAt || i.ResolveDueAt <= i.ReportedAt)
        {
            Add(violations, "sla-deadline", "a deadline does not lie after the report time", id);
        }

        void Clock(string flag, bool breached, DateTime stoppedAt, DateTime dueAt)
        {
            if (breached != stoppedAt > dueAt)
            {
                Add(violations, "sla-flag", $"{flag} is {breached} but the clock stopped at {stoppedAt:O} against the deadline {dueAt:O}", id);
            }
        }
    }
}
