using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;

namespace CommandCenter.Data.Tests.Incidents;

public class IncidentLifecycleTests
{
    private static readonly DateTime Reported = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
    private static readonly IncidentActor Officer = new("u1", "值班员");
    private static readonly HandlingUnit GridUnit = new() { Id = 1, Name = "第一网格", Tier = HandlingTier.Grid, AreaCode = "610202001001001" };

    private static Incident NewIncident() => new()
    {
        Id = 7, Number = "20261122000007", Title = "t", Description = "d", Stage = IncidentStage.Reported, Tier = HandlingTier.Grid,
        ReportedAt = Reported, RespondDueAt = Reported.AddMinutes(15), ReplyDueAt = Reported.AddMinutes(30), ResolveDueAt = Reported.AddHours(24), Version = 1,
    };

    private static IncidentHistory Do(Incident incident, IncidentCommand command, DateTime at, HandlingUnit? unit = null)
    {
        Assert.Empty(IncidentLifecycle.ValidateArguments(incident, command));
        return IncidentLifecycle.Apply(incident, command with { Version = incident.Version }, Officer, unit, at);
    }

    [Fact]
    public void The_seven_stages_in_order_record_history_and_versions()
    {
        var incident = NewIncident();
        var steps = new List<IncidentHistory>
        {
            Do(incident, new(IncidentAction.File, 1), Reported.AddMinutes(2)),
            Do(incident, new(IncidentAction.Dispatch, 2, Tier: HandlingTier.Grid), Reported.AddMinutes(4), GridUnit),
            Do(incident, new(IncidentAction.Accept, 3), Reported.AddMinutes(10)),
            Do(incident, new(IncidentAction.Reply, 4, Note: "已受理"), Reported.AddMinutes(20)),
            Do(incident, new(IncidentAction.Feedback, 5, Note: "已修复"), Reported.AddHours(3)),
            Do(incident, new(IncidentAction.Close, 6), Reported.AddHours(4)),
            Do(incident, new(IncidentAction.CallBack, 7, Reached: true), Reported.AddHours(5)),
            Do(incident, new(IncidentAction.Rate, 8, Rating: RatingLevel.VerySatisfied), Reported.AddHours(5)),
        };

        Assert.Equal(IncidentStage.Evaluated, incident.Stage);
        Assert.Equal(9, incident.Version);
        Assert.Equal(Enumerable.Range(2, 8), steps.Select(s => s.Version));
        Assert.Equal(HandlingTier.Grid, incident.ClosedTier);
        Assert.False(incident.RespondBreached);
        Assert.False(incident.ReplyBreached);
        Assert.False(incident.ResolveBreached);
        Assert.Equal(GridUnit.Id, incident.HandlingUnitId);
        Assert.Equal(IncidentStage.Feedback, steps[5].FromStage);
        Assert.Equal(IncidentStage.Closed, steps[5].ToStage);
    }

    [Theory]
    [InlineData(IncidentAction.Accept)]
    [InlineData(IncidentAction.Close)]
    [InlineData(IncidentAction.Rate)]
    [InlineData(IncidentAction.Feedback)]
    [InlineData(IncidentAction.Rework)]
    public void Illegal_actions_on_a_new_report_are_refused(IncidentAction action)
    {
        var incident = NewIncident();
        Assert.False(IncidentLifecycle.IsAllowed(incident, action));
        Assert.Throws<InvalidOperationException>(() => IncidentLifecycle.Apply(incident, new(action, 1), Officer, null, Reported));
        Assert.Equal(1, incident.Version);
    }

    [Fact]
    public void Rework_escalation_and_extension_are_counted_and_late_clocks_breach()
    {
        var incident = NewIncident();
        Do(incident, new(IncidentAction.File, 0), Reported.AddMinutes(1));
        Do(incident, new(IncidentAction.Dispatch, 0, Tier: HandlingTier.Grid), Reported.AddMinutes(2), GridUnit);
        var community = new HandlingUnit { Id = 2, Name = "社区", Tier = HandlingTier.Community, AreaCode = "610202001001" };
        Do(incident, new(IncidentAction.Escalate, 0, Note: "网格无法处置"), Reported.AddMinutes(40), community);
        Assert.Equal(HandlingTier.Community, incident.Tier);
        Do(incident, new(IncidentAction.Accept, 0), Reported.AddMinutes(50));
        Assert.True(incident.RespondBreached);
        Assert.True(incident.ReplyBreached); // still unreplied after 30 minutes
        Do(incident, new(IncidentAction.Extend, 0, Note: "需采购配件", NewResolveDueAt: Reported.AddHours(72)), Reported.AddHours(2));
        Do(incident, new(IncidentAction.Feedback, 0), Reported.AddHours(30));
        Do(incident, new(IncidentAction.Rework, 0, Note: "未修复到位"), Reported.AddHours(31));
        Do(incident, new(IncidentAction.Feedback, 0), Reported.AddHours(40));
        Do(incident, new(IncidentAction.Close, 0), Reported.AddHours(41));

        Assert.Equal(1, incident.EscalationCount);
        Assert.Equal(1, incident.ExtensionCount);
        Assert.Equal(1, incident.ReworkCount);
        Assert.Equal(HandlingTier.Community, incident.ClosedTier);
        Assert.False(incident.ResolveBreached); // closed inside the extended deadline
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var incident = NewIncident();
        Assert.Contains("note", IncidentLifecycle.ValidateArguments(incident, new(IncidentAction.Reject, 1)).Keys);
        Assert.Contains("duplicateOfId", IncidentLifecycle.ValidateArguments(incident, new(IncidentAction.Reject, 1, DuplicateOfId: 7)).Keys);
        Assert.Contains("newResolveDueAt", IncidentLifecycle.ValidateArguments(incident, new(IncidentAction.Extend, 1, Note: "x", NewResolveDueAt: Reported)).Keys);
        Assert.Contains("rating", IncidentLifecycle.ValidateArguments(incident, new(IncidentAction.Rate, 1, Rating: (RatingLevel)9)).Keys);
        Assert.Contains("tier", IncidentLifecycle.ValidateArguments(incident, new(IncidentAction.Escalate, 1, Tier: HandlingTier.Grid)).Keys);
        Assert.Contains("note", IncidentLifecycle.ValidateArguments(incident, new(IncidentAction.Rework, 1, Note: " ")).Keys);
    }

    [Fact]
    public void Sla_deadlines_follow_sos_then_category_then_priority()
    {
        var options = new SlaOptions();
        var plain = new IncidentCategory { Code = "E0101", MajorCode = "01", MajorName = "a", MinorCode = "01", MinorName = "b" };
        var slow = new IncidentCategory { Code = "E0102", MajorCode = "01", MajorName = "a", MinorCode = "02", MinorName = "c", ResolveMinutes = 72 * 60 };

        var normal = SlaPolicy.Deadlines(options, plain, IncidentPriority.Normal, SourceChannel.GridWorker, Reported);
        Assert.Equal((Reported.AddMinutes(15), Reported.AddMinutes(30), Reported.AddHours(24)), normal);
        Assert.Equal(Reported.AddHours(72), SlaPolicy.Deadlines(options, slow, IncidentPriority.Normal, SourceChannel.Hotline12345, Reported).Resolve);
        Assert.Equal(Reported.AddMinutes(10), SlaPolicy.Deadlines(options, plain, IncidentPriority.Urgent, SourceChannel.Hotline12345, Reported).Respond);
        Assert.Equal(Reported.AddMinutes(5), SlaPolicy.Deadlines(options, slow, IncidentPriority.Urgent, SourceChannel.Sos, Reported).Respond);
    }
}
