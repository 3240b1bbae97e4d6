using System.ComponentModel.DataAnnotations;
using CommandCenter.Data.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Incidents;

/// <summary>An escalation rule: an incident still at <see cref="FromTier"/> once <see cref="AfterClock"/> has run out goes up.</summary>
public sealed class EscalationRule
{
    public HandlingTier FromTier { get; set; }
    public SlaClock AfterClock { get; set; }
    public HandlingTier ToTier { get; set; }
}

/// <summary>The "SlaWatch" configuration section.</summary>
public sealed class SlaWatchOptions
{
    public const string SectionName = "SlaWatch";

    /// <summary>Default: unanswered at the grid after the respond clock → community; unresolved at the community after the resolve clock → street.</summary>
    public List<EscalationRule> Escalation { get; set; } =
    [
        new() { FromTier = HandlingTier.Grid, AfterClock = SlaClock.Respond, ToTier = HandlingTier.Community },
        new() { FromTier = HandlingTier.Community, AfterClock = SlaClock.Resolve, ToTier = HandlingTier.Street },
    ];

    [Range(10, 10_000)]
    public int BatchSize { get; set; } = 500;
}

public sealed record SlaWatchResult(int RespondBreaches, int ReplyBreaches, int ResolveBreaches, IReadOnlyList<long> SupervisedIncidentIds, IReadOnlyList<long> EscalatedIncidentIds);

/// <summary>
/// The clock watcher: marks breaches, opens supervision (督办) entries and escalates by rule.
/// Every step is idempotent — set-based flag updates, one supervision per incident and clock (a unique index),
/// and escalations through the version-checked lifecycle — so two runs, or two nodes, do no harm.
/// </summary>
public sealed class SlaWatcher(
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    IncidentTransitionService transitions,
    IOptions<SlaWatchOptions> options,
    TimeProvider time,
    ILogger<SlaWatcher> logger,
    ILiveFeed? liveFeed = null)
{
    private static readonly IncidentStage[] OpenStages =
        [IncidentStage.Reported, IncidentStage.Filed, IncidentStage.Dispatched, IncidentStage.Handling, IncidentStage.Feedback];

    public async Task<SlaWatchResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var respond = await MarkBreachesAsync(SlaClock.Respond, now, cancellationToken);
        var reply = await MarkBreachesAsync(SlaClock.Reply, now, cancellationToken);
        var resolve = await MarkBreachesAsync(SlaClock.Resolve, now, cancellationToken);

        var supervised = await SuperviseAsync(now, cancellationToken);
        var escalated = await EscalateAsync(now, cancellationToken);
        if (respond + reply + resolve + supervised.Count + escalated.Count > 0)
        {
            logger.LogInformation("SLA watch: {Respond} respond, {Reply} reply, {Resolve} resolve breaches; {Supervised} supervised; {Escalated} escalated",
                respond, reply, resolve, supervised.Count, escalated.Count);
        }
        return new SlaWatchResult(respond, reply, resolve, supervised, escalated);
    }

    /// <summary>Flags the open incidents whose clock ran out, in batches, and announces each on the live feed.</summary>
    private async Task<int> MarkBreachesAsync(SlaClock clock, DateTime now, CancellationToken cancellationToken)
    {
        var marked = 0;
        while (true)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var open = db.Incidents.Where(i => OpenStages.Contains(i.Stage));
            var due = clock switch
            {
                SlaClock.Respond => open.Where(i => !i.RespondBreached && i.RespondedAt == null && i.RespondDueAt < now),
                SlaClock.Reply => open.Where(i => !i.ReplyBreached && i.RepliedAt == null && i.ReplyDueAt < now),
                _ => open.Where(i => !i.ResolveBreached && i.ResolveDueAt < now),
            };
            var batch = await due.OrderBy(i => i.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return marked;
            }
            var ids = batch.Select(i => i.Id).ToList();
            var flagged = db.Incidents.Where(i => ids.Contains(i.Id));
            marked += clock switch
            {
                SlaClock.Respond => await flagged.Where(i => !i.RespondBreached).ExecuteUpdateAsync(u => u.SetProperty(i => i.RespondBreached, true), cancellationToken),
                SlaClock.Reply => await flagged.Where(i => !i.ReplyBreached).ExecuteUpdateAsync(u => u.SetProperty(i => i.ReplyBreached, true), cancellationToken),
                _ => await flagged.Where(i => !i.ResolveBreached).ExecuteUpdateAsync(u => u.SetProperty(i => i.ResolveBreached, true), cancellationToken),
            };
            if (liveFeed is not null)
            {
                foreach (var incident in batch)
                {
                    _ = clock switch
                    {
                        SlaClock.Respond => incident.RespondBreached = true,
                        SlaClock.Reply => incident.ReplyBreached = true,
                        _ => incident.ResolveBreached = true,
                    };
                    // Hints, and idempotent for subscribers: two nodes racing may both announce the same breach.
                    await liveFeed.PublishAsync(ChangeNotice.ForIncident(ChangeKind.SlaBreached, incident, incident.Stage, now) with { Clock = clock }, CancellationToken.None);
                }
            }
            if (batch.Count < options.Value.BatchSize)
            {
                return marked;
            }
        }
    }

    /// <summary>Opens one supervision per overdue open incident and clock.</summary>
    private async Task<List<long>> SuperviseAsync(DateTime now, CancellationToken cancellationToken)
    {
        var supervised = new List<long>();
        foreach (var clock in Enum.GetValues<SlaClock>())
        {
            while (true)
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                var overdue = db.Incidents.Where(i => OpenStages.Contains(i.Stage));
                overdue = clock switch
                {
                    SlaClock.Respond => overdue.Where(i => i.RespondedAt == null && i.RespondDueAt < now),
                    SlaClock.Reply => overdue.Where(i => i.RepliedAt == null && i.ReplyDueAt < now),
                    _ => overdue.Where(i => i.ResolveDueAt < now),
                };
                var batch = await overdue
                    .Where(i => !db.Supervisions.Any(s => s.IncidentId == i.Id && s.Clock == clock))
                    .OrderBy(i => i.Id)
                    .Select(i => new { i.Id, i.HandlingUnitId, i.Number })
                    .Take(options.Value.BatchSize)
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                db.Supervisions.AddRange(batch.Select(i => new Supervision
                {
                    IncidentId = i.Id, Clock = clock, HandlingUnitId = i.HandlingUnitId, CreatedAt = now,
                    Reason = clock switch
                    {
                        SlaClock.Respond => "超时未响应（15分钟快速响应）",
                        SlaClock.Reply => "超时未回复（30分钟及时回复）",
                        _ => "超时未办结（24小时圆满解决）",
                    },
                }));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    supervised.AddRange(batch.Select(i => i.Id));
                }
                catch (DbUpdateException)
                {
                    // Another node opened some of them first; the next pass skips what exists.
                }
                if (batch.Count < options.Value.BatchSize)
                {
                    break;
                }
            }
        }
        return [.. supervised.Distinct()];
    }

    private async Task<List<long>> EscalateAsync(DateTime now, CancellationToken cancellationToken)
    {
        var escalated = new List<long>();
        var system = new IncidentActor(null, "时限监控");
        foreach (var rule in options.Value.Escalation.Where(r => r.ToTier > r.FromTier))
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var candidates = db.Incidents.Where(i => i.Tier == rule.FromTier
                && (i.Stage == IncidentStage.Dispatched || i.Stage == IncidentStage.Handling));
            candidates = rule.AfterClock switch
            {
                SlaClock.Respond => candidates.Where(i => i.RespondedAt == null && i.RespondDueAt < now),
                SlaClock.Reply => candidates.Where(i => i.RepliedAt == null && i.ReplyDueAt < now),
                _ => candidates.Where(i => i.ResolveDueAt < now),
            };
            var due = await candidates.OrderBy(i => i.Id).Select(i => new { i.Id, i.Version })
                .Take(options.Value.BatchSize).ToListAsync(cancellationToken);
            foreach (var incident in due)
            {
                var result = await transitions.ApplyAsync(incident.Id,
                    new IncidentCommand(IncidentAction.Escalate, incident.Version, Note: $"超时自动升级：{rule.FromTier} → {rule.ToTier}", Tier: rule.ToTier),
                    system, scopeCode: null, cancellationToken);
                if (result.Succeeded)
                {
                    escalated.Add(incident.Id);
                }
                else if (result.Status != TransitionStatus.StaleVersion)
                {
                    logger.LogWarning("Could not escalate incident {Id}: {Message}", incident.Id, result.Message ?? string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? []));
                }
            }
        }
        return escalated;
    }
}
