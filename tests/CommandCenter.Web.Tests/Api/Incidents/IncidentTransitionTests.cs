using System.Net;
using System.Text.Json.Nodes;
using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Incidents;

public sealed class IncidentTransitionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private ApiDistrict D => factory.District;

    private async Task<JsonNode> StepAsync(HttpClient client, long id, object command, string expectedStage)
    {
        var body = await AssertStatusAsync(await TransitionAsync(client, id, command), HttpStatusCode.OK);
        Assert.Equal(expectedStage, body["stage"]!.GetValue<string>());
        return body;
    }

    [Fact]
    public async Task Full_walk_from_report_to_rating()
    {
        var client = factory.ApiClient(D.Key);
        var created = await CreateIncidentAsync(client);
        var id = created["id"]!.GetValue<long>();
        Assert.Contains("file", created["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        await StepAsync(client, id, new { action = "file", version = 1, note = "立案" }, "filed");
        var dispatched = await StepAsync(client, id, new { action = "dispatch", version = 2, tier = "community" }, "dispatched");
        Assert.Equal("青年路社区", dispatched["handlingUnit"]!["name"]!.GetValue<string>());
        Assert.Equal("community", dispatched["tier"]!.GetValue<string>());
        await StepAsync(client, id, new { action = "accept", version = 3 }, "handling");
        await StepAsync(client, id, new { action = "reply", version = 4, note = "已联系反映人" }, "handling");
        await StepAsync(client, id, new { action = "feedback", version = 5, note = "已清运" }, "feedback");
        var closed = await StepAsync(client, id, new { action = "close", version = 6 }, "closed");
        Assert.Equal("community", closed["closedTier"]!.GetValue<string>());
        await StepAsync(client, id, new { action = "callBack", version = 7, reached = true, note = "满意" }, "closed");
        var rated = await StepAsync(client, id, new { action = "rate", version = 8, rating = 5 }, "evaluated");
        Assert.Equal(9, rated["version"]!.GetValue<int>());
        Assert.Empty(rated["allowedActions"]!.AsArray());

        var detail = await AssertStatusAsync(await client.GetAsync($"/api/v1/incidents/{id}"), HttpStatusCode.OK);
        var history = detail["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["report", "file", "dispatch", "accept", "reply", "feedback", "close", "callBack", "rate"], history);
        Assert.All(detail["history"]!.AsArray(), h => Assert.Equal(D.KeyName, h!["actor"]!.GetValue<string>()));

        var (rating, callBacks) = await factory.QueryAsync(async db => (
            await db.Ratings.Where(r => r.IncidentId == id).Select(r => (int)r.Level).SingleAsync(),
            await db.CallBacks.CountAsync(c => c.IncidentId == id)));
        Assert.Equal(5, rating);
        Assert.Equal(1, callBacks);
    }

    [Fact]
    public async Task Stale_version_is_409_with_the_current_incident_and_who_acted_first()
    {
        var first = factory.ApiClient(D.Key);
        var second = factory.ApiClient(D.ScopedKey);
        var id = (await CreateIncidentAsync(first))["id"]!.GetValue<long>();
        await StepAsync(first, id, new { action = "file", version = 1 }, "filed");

        var problem = await AssertProblemAsync(await TransitionAsync(second, id, new { action = "reject", version = 1, note = "重复" }), HttpStatusCode.Conflict);

        Assert.Equal(2, problem["current"]!["version"]!.GetValue<int>());
        Assert.Equal("filed", problem["current"]!["stage"]!.GetValue<string>());
        Assert.Contains(D.KeyName, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(IncidentStage.Filed, await factory.QueryAsync(db => db.Incidents.Where(i => i.Id == id).Select(i => i.Stage).SingleAsync()));
    }

    [Fact]
    public async Task Illegal_action_in_this_stage_is_409()
    {
        var client = factory.ApiClient(D.Key);
        var id = (await CreateIncidentAsync(client))["id"]!.GetValue<long>();

        var problem = await AssertProblemAsync(await TransitionAsync(client, id, new { action = "close", version = 1 }), HttpStatusCode.Conflict);

        Assert.Equal("reported", problem["current"]!["stage"]!.GetValue<string>());
        Assert.Equal(1, await factory.QueryAsync(db => db.Incidents.Where(i => i.Id == id).Select(i => i.Version).SingleAsync()));
    }

    [Fact]
    public async Task Two_concurrent_accepts_give_exactly_one_200()
    {
        var client = factory.ApiClient(D.Key);
        var id = (await CreateIncidentAsync(client))["id"]!.GetValue<long>();
        await StepAsync(client, id, new { action = "file", version = 1 }, "filed");
        await StepAsync(client, id, new { action = "dispatch", version = 2, tier = "grid" }, "dispatched");

        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => TransitionAsync(client, id, new { action = "accept", version = 3 }))));
            if (round == 0)
            {
                Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
                var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK);
                await AssertProblemAsync(loser, HttpStatusCode.Conflict);
            }
            else
            {
                Assert.All(responses, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
            }
        }
        Assert.Equal(1, await factory.QueryAsync(db => db.IncidentHistory.CountAsync(h => h.IncidentId == id && h.Action == IncidentAction.Accept)));
    }

    [Fact]
    public async Task Extend_without_reason_is_422()
    {
        var client = factory.ApiClient(D.Key);
        var id = (await CreateIncidentAsync(client))["id"]!.GetValue<long>();
        await StepAsync(client, id, new { action = "file", version = 1 }, "filed");
        var dispatched = await StepAsync(client, id, new { action = "dispatch", version = 2, tier = "grid" }, "dispatched");
        var due = DateTimeOffset.Parse(dispatched["sla"]!["resolve"]!["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var problem = await AssertProblemAsync(
            await TransitionAsync(client, id, new { action = "extend", version = 3, newResolveDueAt = due.AddDays(2) }), HttpStatusCode.UnprocessableEntity);

        Assert.NotNull(problem["errors"]!["note"]);
        var extended = await StepAsync(client, id, new { action = "extend", version = 3, newResolveDueAt = due.AddDays(2), note = "需协调供电部门" }, "dispatched");
        Assert.Equal(1, extended["extensionCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Missing_action_or_version_is_422_and_unknown_action_is_400()
    {
        var client = factory.ApiClient(D.Key);
        var id = (await CreateIncidentAsync(client))["id"]!.GetValue<long>();

        var missing = await AssertProblemAsync(await TransitionAsync(client, id, new { note = "x" }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(missing["errors"]!["action"]);
        Assert.NotNull(missing["errors"]!["version"]);
        await AssertProblemAsync(await TransitionAsync(client, id, new { action = "breach", version = 1 }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await TransitionAsync(client, id, new { action = "explode", version = 1 }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await TransitionAsync(client, id, new { action = "dispatch", version = 1, handlingUnitId = 424242 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Reject_as_duplicate_links_the_original()
    {
        var client = factory.ApiClient(D.Key);
        var original = (await CreateIncidentAsync(client, Incident("原始")))["id"]!.GetValue<long>();
        var duplicate = (await CreateIncidentAsync(client, Incident("重复")))["id"]!.GetValue<long>();

        var rejected = await StepAsync(client, duplicate, new { action = "reject", version = 1, duplicateOfId = original }, "rejected");

        Assert.Equal(original, rejected["duplicateOfId"]!.GetValue<long>());
        Assert.Equal(original, await factory.QueryAsync(db => db.Incidents.Where(i => i.Id == duplicate).Select(i => i.DuplicateOfId).SingleAsync()));
        var unknown = (await CreateIncidentAsync(client))["id"]!.GetValue<long>();
        var problem = await AssertProblemAsync(await TransitionAsync(client, unknown, new { action = "reject", version = 1, duplicateOfId = 987654 }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["duplicateOfId"]);
        var self = await AssertProblemAsync(await TransitionAsync(client, unknown, new { action = "reject", version = 1, duplicateOfId = unknown }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(self["errors"]!["duplicateOfId"]);
    }

    [Fact]
    public async Task Dispatch_to_a_unit_that_does_not_serve_the_area_is_422()
    {
        var client = factory.ApiClient(D.Key);
        var id = (await CreateIncidentAsync(client, Incident(gridCode: ApiDistrict.Grid3Code)))["id"]!.GetValue<long>();
        await StepAsync(client, id, new { action = "file", version = 1 }, "filed");
        var wrongUnit = await factory.QueryAsync(db => db.HandlingUnits.Where(u => u.AreaCode == ApiDistrict.Street1Code).Select(u => u.Id).SingleAsync());

        var problem = await AssertProblemAsync(await TransitionAsync(client, id, new { action = "dispatch", version = 2, handlingUnitId = wrongUnit }), HttpStatusCode.UnprocessableEntity);

        Assert.NotNull(problem["errors"]!["handlingUnitId"]);
        var escalated = await StepAsync(client, id, new { action = "dispatch", version = 2, tier = "street" }, "dispatched");
        Assert.Equal("红旗街道办", escalated["handlingUnit"]!["name"]!.GetValue<string>());
    }
}
