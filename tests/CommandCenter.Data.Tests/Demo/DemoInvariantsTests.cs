using System.Diagnostics;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Demo.Generators;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.Sos;
using Xunit.Abstractions;

namespace CommandCenter.Data.Tests.Demo;

[Collection(SeededDemoDistrictCollection.Name)]
public sealed class DemoInvariantsTests(SeededDemoDistrict district)
{
    internal static readonly DateTime Now = DemoTestDatabase.Anchor.UtcDateTime;

    [Fact]
    public async Task The_seeded_district_keeps_every_invariant_as_loaded()
    {
        Assert.Empty(district.Result.Violations);
        await using var db = district.Database.CreateDbContext();
        var rows = await DemoIncidentRows.LoadAsync(db);
        Assert.NotEmpty(rows.SosAlerts);
        Assert.Contains(rows.Incidents, i => i.Stage == IncidentStage.Rejected);
        Assert.Empty(DemoInvariants.Check(rows, Now));
    }

    public static TheoryData<string, string> BrokenRows => new()
    {
        { "raised alarm on a closed incident", "sos-state" },
        { "rating on an open incident", "rating" },
        { "resolve breached though closed on time", "sla-flag" },
        { "open incident past its deadline not flagged", "sla-flag" },
        { "dispatched before filed", "timestamp-order" },
    };

    [Theory]
    [MemberData(nameof(BrokenRows))]
    public async Task A_broken_row_is_reported_with_the_ids_involved(string breakage, string rule)
    {
        await using var db = district.Database.CreateDbContext();
        var rows = await DemoIncidentRows.LoadAsync(db);
        var closed = rows.Incidents.First(i => i.Stage == IncidentStage.Closed && i.ClosedAt <= i.ResolveDueAt);
        var open = rows.Incidents.First(i => i.IsOpen && i.ReportedAt < Now.AddMinutes(-10));
        string[] ids;
        switch (breakage)
        {
            case "raised alarm on a closed incident":
                var alert = new SosAlert
                {
                    Id = rows.SosAlerts.Max(a => a.Id) + 1, IncidentId = closed.Id, GridId = closed.GridId, DeviceId = 1,
                    RaisedAt = closed.ReportedAt, ReceivedAt = closed.ReportedAt, Status = SosStatus.Raised,
                };
                rows = rows with { SosAlerts = [.. rows.SosAlerts, alert] };
                ids = [$"SosAlert#{alert.Id}", $"Incident#{closed.Id}"];
                break;
            case "rating on an open incident":
                var rating = new Rating { Id = rows.Ratings.Max(r => r.Id) + 1, IncidentId = open.Id, GridId = open.GridId, Level = RatingLevel.Satisfied, RatedAt = Now };
                rows = rows with { Ratings = [.. rows.Ratings, rating] };
                ids = [$"Rating#{rating.Id}", $"Incident#{open.Id}"];
                break;
            case "resolve breached though closed on time":
                closed.ResolveBreached = true;
                ids = [$"Incident#{closed.Id}"];
                break;
            case "open incident past its deadline not flagged":
                open.ResolveDueAt = open.ReportedAt.AddMinutes(5);
                open.ResolveBreached = false;
                ids = [$"Incident#{open.Id}"];
                break;
            default:
                closed.DispatchedAt = closed.FiledAt!.Value.AddMinutes(-1);
                ids = [$"Incident#{closed.Id}"];
                break;
        }

        var violation = Assert.Single(DemoInvariants.Check(rows, Now));
        Assert.Equal(rule, violation.Rule);
        Assert.Equal(ids, violation.Ids);
        Assert.False(string.IsNullOrWhiteSpace(violation.Message));
    }
}

/// <summary>Generated in memory, without a database: the full-scale district takes a few seconds.</summary>
public sealed class DemoFullScaleInvariantsTests(ITestOutputHelper output)
{
    /// <summary>At full scale the district has enough SOS incidents (about 130) that some are voided and some still open.</summary>
    [Fact]
    public void A_full_scale_district_keeps_every_invariant()
    {
        var categories = CategoryCatalog.Create();
        for (var k = 0; k < categories.Count; k++)
        {
            categories[k].Id = k + 1;
        }
        var watch = Stopwatch.StartNew();
        var rows = DemoIncidentRows.From(DemoDistrictGenerator.Generate(1.0, DemoTestDatabase.Seed, DemoInvariantsTests.Now, categories));
        var violations = DemoInvariants.Check(rows, DemoInvariantsTests.Now);
        output.WriteLine($"{rows.Incidents.Count} incidents, {rows.SosAlerts.Count} alarms checked in {watch.Elapsed.TotalSeconds:F1} s");
        var incidents = rows.Incidents.ToDictionary(i => i.Id);
        Assert.Contains(rows.SosAlerts, a => a.IncidentId is { } id && incidents[id].Stage == IncidentStage.Rejected);
        foreach (var (rule, count) in violations.CountBy(v => v.Rule))
        {
            output.WriteLine($"{rule}: {count}");
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Take(20)));
    }
}
