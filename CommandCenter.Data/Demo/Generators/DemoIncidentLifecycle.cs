using CommandCenter.Data.Incidents;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>
/// Walks one incident through the GB/T 30428 stages with plausible delays, stopping wherever the next step would
/// fall after the anchor time (so recent incidents stay open), and writes its history, SLA clocks and breaches.
/// </summary>
internal sealed class DemoIncidentLifecycle(DemoWorld world, Random random)
{
    private readonly List<Step> _steps = [];

    /// <summary>A planned history row; a null <see cref="To"/> keeps the stage (reply, extension, call-back, supervision).</summary>
    private readonly record struct Step(DateTime At, IncidentAction Action, IncidentStage? To, HandlingTier Tier, int? UnitId, string Actor, string? Note);

    public sealed record Outcome(bool Rejected, bool Closed, DateTime? CallBackAt, bool CallBackReached, DateTime? RatedAt, string CallBackOfficer);

    public Outcome Run(Incident incident, IncidentCategory category, string reporter, bool externalReporter, HandlingTier finalTier, long? duplicateOf, List<IncidentHistory> history, List<Supervision> supervisions)
    {
        _steps.Clear();
        var anchor = world.AnchorUtc;
        var sos = incident.Source == SourceChannel.Sos;
        var duty = random.Pick(world.DutyOfficers).Name;
        var t = incident.ReportedAt;
        incident.RespondDueAt = t.AddMinutes(category.RespondMinutes ?? 15);
        incident.ReplyDueAt = t.AddMinutes(category.ReplyMinutes ?? 30);
        incident.ResolveDueAt = t.AddMinutes(category.ResolveMinutes ?? 24 * 60);
        _steps.Add(new Step(t, IncidentAction.Report, IncidentStage.Reported, HandlingTier.Grid, null, reporter, null));
        var outcome = new Outcome(false, false, null, false, null, duty);
        var gridUnit = world.GridUnits[incident.GridId - 1];

        bool Next(double medianMinutes, double sigma)
        {
            t = t.AddSeconds(Math.Max(20, Math.Round(random.LogNormalMinutes(medianMinutes, sigma) * 60)));
            return t <= anchor;
        }

        var filing = incident.Source == SourceChannel.GridWorker ? 1.2 : sos ? 0.6 : 2.5;
        if (!Next(filing, 0.6))
        {
            return Finish(incident, history, supervisions, outcome);
        }
        if (duplicateOf is not null || random.Chance(incident.Source == SourceChannel.GridWorker ? 0.012 : 0.03))
        {
            incident.DuplicateOfId = duplicateOf;
            incident.RejectedAt = t;
            _steps.Add(new Step(t, IncidentAction.Reject, IncidentStage.Rejected, HandlingTier.District, null, duty, duplicateOf is null ? "经核实不属于受理范围，作废处理" : $"重复上报，已并入原工单"));
            if (externalReporter && Next(5, 0.5))
            {
                incident.RepliedAt = t;
                _steps.Add(new Step(t, IncidentAction.Reply, null, HandlingTier.District, null, duty, "已告知反映人处理结果"));
            }
            return Finish(incident, history, supervisions, outcome with { Rejected = true });
        }
        incident.FiledAt = t;
        _steps.Add(new Step(t, IncidentAction.File, IncidentStage.Filed, HandlingTier.Grid, null, duty, "经核实，予以立案"));

        var tier = finalTier == HandlingTier.Grid || random.Chance(0.45) ? finalTier : (HandlingTier)random.Next(0, (int)finalTier);
        var unit = UnitFor(incident, category, tier);
        if (!Next(sos ? 0.8 : 1.5, 0.6))
        {
            return Finish(incident, history, supervisions, outcome);
        }
        incident.DispatchedAt = t;
        _steps.Add(new Step(t, IncidentAction.Dispatch, IncidentStage.Dispatched, tier, unit.Id, duty, $"派遣至{unit.Name}"));
        if (!Next(sos ? 1.2 : 3.0, 0.6))
        {
            return Finish(incident, history, supervisions, outcome);
        }
        incident.RespondedAt = t;
        _steps.Add(new Step(t, IncidentAction.Accept, IncidentStage.Handling, tier, unit.Id, Handler(incident, unit, tier), "已接单，正在处置"));
        if (externalReporter)
        {
            var reply = t.AddSeconds(Math.Round(random.LogNormalMinutes(sos ? 3 : 9, 0.7) * 60));
            if (reply <= anchor)
            {
                incident.RepliedAt = reply;
                _steps.Add(new Step(reply, IncidentAction.Reply, null, tier, unit.Id, Handler(incident, unit, tier), "已电话联系反映人，告知处置进展"));
            }
        }
        else
        {
            incident.RepliedAt = t;
        }

        while (tier < finalTier)
        {
            if (!Next(45, 0.8))
            {
                return Finish(incident, history, supervisions, outcome);
            }
            var from = unit;
            tier = random.Chance(0.6) ? finalTier : tier + 1;
            unit = UnitFor(incident, category, tier);
            incident.EscalationCount++;
            _steps.Add(new Step(t, IncidentAction.Escalate, IncidentStage.Dispatched, tier, unit.Id, from.Name, $"超出处置能力，提请{unit.Name}处置"));
            if (!Next(6, 0.7))
            {
                return Finish(incident, history, supervisions, outcome);
            }
            _steps.Add(new Step(t, IncidentAction.Accept, IncidentStage.Handling, tier, unit.Id, Handler(incident, unit, tier), "已接单"));
        }

        double median = sos ? 25 : category.MajorName == "突发事件" ? 180 : tier switch
        {
            HandlingTier.Grid => 150,
            HandlingTier.Community => 320,
            HandlingTier.Street => 560,
            HandlingTier.Department => 900,
            _ => 1800,
        };
        if (!sos && random.Chance(0.03))
        {
            var extendAt = t.AddMinutes(random.Next(60, 600));
            if (extendAt > anchor)
            {
                return Finish(incident, history, supervisions, outcome);
            }
            incident.ExtensionCount++;
            incident.ResolveDueAt = incident.ResolveDueAt.AddHours(24 * random.Next(1, 4));
            _steps.Add(new Step(extendAt, IncidentAction.Extend, null, tier, unit.Id, unit.Name, "需协调多部门，申请延期"));
            t = extendAt;
            median *= 2.5;
        }
        if (!Next(median, 0.85))
        {
            return Finish(incident, history, supervisions, outcome);
        }
        incident.FeedbackAt = t;
        _steps.Add(new Step(t, IncidentAction.Feedback, IncidentStage.Feedback, tier, unit.Id, Handler(incident, unit, tier), "已处置完毕，上传处置后照片"));
        if (random.Chance(0.03))
        {
            if (!Next(50, 0.6))
            {
                return Finish(incident, history, supervisions, outcome);
            }
            incident.ReworkCount++;
            _steps.Add(new Step(t, IncidentAction.Rework, IncidentStage.Handling, tier, unit.Id, duty, "核查未通过，退回返工"));
            if (!Next(median / 2, 0.7))
            {
                return Finish(incident, history, supervisions, outcome);
            }
            incident.FeedbackAt = t;
            _steps.Add(new Step(t, IncidentAction.Feedback, IncidentStage.Feedback, tier, unit.Id, Handler(incident, unit, tier), "返工完成"));
        }
        if (!Next(sos ? 8 : 35, 0.7))
        {
            return Finish(incident, history, supervisions, outcome);
        }
        incident.ClosedAt = t;
        incident.ClosedTier = tier;
        if (incident.RepliedAt is null || incident.RepliedAt > t)
        {
            // Closing tells the reporter if nobody had yet (IncidentLifecycle.Apply): no reply after the close.
            _steps.RemoveAll(s => s.Action == IncidentAction.Reply);
            incident.RepliedAt = t;
        }
        _steps.Add(new Step(t, IncidentAction.Close, IncidentStage.Closed, tier, unit.Id, duty, "核查属实，予以结案"));
        outcome = outcome with { Closed = true };

        if (random.Chance(externalReporter ? 0.9 : 0.35) && Next(360, 0.8))
        {
            var reached = random.Chance(0.93);
            outcome = outcome with { CallBackAt = t, CallBackReached = reached };
            _steps.Add(new Step(t, IncidentAction.CallBack, null, tier, unit.Id, duty, reached ? "已回访反映人" : "回访未接通"));
            if (reached && random.Chance(0.92))
            {
                t = t.AddMinutes(1);
                if (t <= anchor)
                {
                    incident.EvaluatedAt = t;
                    outcome = outcome with { RatedAt = t };
                    _steps.Add(new Step(t, IncidentAction.Rate, IncidentStage.Evaluated, tier, unit.Id, reporter, "群众评价"));
                }
            }
        }
        return Finish(incident, history, supervisions, outcome);
    }

    private HandlingUnit UnitFor(Incident incident, IncidentCategory category, HandlingTier tier) => tier switch
    {
        HandlingTier.Grid => world.GridUnits[incident.GridId - 1],
        HandlingTier.Community => world.CommunityUnits[incident.CommunityId - 1],
        HandlingTier.Street => world.StreetUnits[incident.StreetId - 1],
        HandlingTier.Department => world.DepartmentsByName[IncidentRouting.DepartmentFor(category)],
        _ => world.CommandCentre,
    };

    private string Handler(Incident incident, HandlingUnit unit, HandlingTier tier) =>
        tier == HandlingTier.Grid ? world.GridWorkers[incident.GridId - 1].Name : unit.Name;

    private Outcome Finish(Incident incident, List<IncidentHistory> history, List<Supervision> supervisions, Outcome outcome)
    {
        var anchor = world.AnchorUtc;
        incident.RespondBreached = (incident.RespondedAt ?? incident.RejectedAt ?? anchor) > incident.RespondDueAt;
        incident.ReplyBreached = (incident.RepliedAt ?? incident.RejectedAt ?? anchor) > incident.ReplyDueAt;
        incident.ResolveBreached = (incident.ClosedAt ?? incident.RejectedAt ?? anchor) > incident.ResolveDueAt;

        incident.HandlingUnitId = _steps.LastOrDefault(s => s.To is not null && s.UnitId is not null).UnitId;

        // 督办: the command centre follows up a breached resolve clock, and a breached respond clock still open.
        if (incident.RejectedAt is null)
        {
            AddSupervision(incident, supervisions, SlaClock.Resolve, incident.ResolveBreached, incident.ResolveDueAt, incident.ClosedAt, "超过24小时未办结");
            AddSupervision(incident, supervisions, SlaClock.Respond, incident.RespondBreached && incident.RespondedAt is null, incident.RespondDueAt, null, "超过15分钟未响应");
        }

        var stage = IncidentStage.Reported;
        var tier = HandlingTier.Grid;
        int? unitId = null;
        var version = 0;
        foreach (var s in _steps.OrderBy(s => s.At)) // stable: ties keep the order the steps were planned in
        {
            var to = s.To ?? stage;
            if (s.To is not null)
            {
                tier = s.Tier;
                unitId = s.UnitId ?? unitId;
            }
            history.Add(new IncidentHistory
            {
                Id = history.Count + 1,
                IncidentId = incident.Id,
                Version = ++version,
                Action = s.Action,
                FromStage = stage,
                ToStage = to,
                Tier = tier,
                HandlingUnitId = unitId,
                ActorName = s.Actor,
                Note = s.Note,
                At = s.At,
            });
            stage = to;
        }
        incident.Stage = stage;
        incident.Tier = tier;
        incident.HandlingUnitId = unitId;
        incident.Version = version;
        incident.UpdatedAt = history[^1].At;
        return outcome;
    }

    private void AddSupervision(Incident incident, List<Supervision> supervisions, SlaClock clock, bool breached, DateTime due, DateTime? resolvedAt, string reason)
    {
        if (!breached)
        {
            return;
        }
        var created = due.AddMinutes(random.Next(5, 60));
        if (created > world.AnchorUtc || (resolvedAt is not null && resolvedAt <= created))
        {
            return;
        }
        var end = resolvedAt ?? world.AnchorUtc;
        var reminders = Math.Min(10, (int)((end - created).TotalHours / 4));
        supervisions.Add(new Supervision
        {
            Id = supervisions.Count + 1,
            IncidentId = incident.Id,
            Clock = clock,
            HandlingUnitId = incident.HandlingUnitId,
            Reason = reason,
            CreatedAt = created,
            ReminderCount = reminders,
            LastRemindedAt = reminders > 0 ? created.AddHours(4 * reminders) : null,
            ResolvedAt = resolvedAt,
        });
        _steps.Add(new Step(created, IncidentAction.Supervise, null, HandlingTier.District, null, "区社会治理综合指挥中心", "督办：" + reason));
    }
}
