using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Incidents;

/// <summary>Six incidents reported through the API over ten days, in both streets, with different sources, categories and stages.</summary>
public sealed class IncidentListFactory : ApiFactory
{
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>Ids by seed number 1..6 (index 0 unused).</summary>
    public long[] Ids { get; } = new long[7];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var client = ApiClient(District.Key);
        (string Grid, string Category, string Source, double DaysAgo, string Priority)[] seeds =
        [
            (ApiDistrict.Grid1Code, ApiDistrict.EventCategory, "gridWorker", 10, "normal"),
            (ApiDistrict.Grid2Code, ApiDistrict.ComponentCategory, "hotline12345", 5, "normal"),
            (ApiDistrict.Grid3Code, ApiDistrict.EventCategory, "woYaoShuo", 2, "normal"),
            (ApiDistrict.Grid3Code, ApiDistrict.ComponentCategory, "gridWorker", 1, "high"),
            (ApiDistrict.Grid1Code, ApiDistrict.EventCategory, "gridWorker", 0.01, "normal"),
            (ApiDistrict.Grid2Code, ApiDistrict.EventCategory, "gridWorker", 0.005, "normal"),
        ];
        for (var i = 0; i < seeds.Length; i++)
        {
            var s = seeds[i];
            var body = await CreateIncidentAsync(client, Incident($"列表{i + 1}", s.Grid, s.Category, s.Source, Now.AddDays(-s.DaysAgo), s.Priority));
            Ids[i + 1] = body["id"]!.GetValue<long>();
        }
        await AssertStatusAsync(await TransitionAsync(client, Ids[5], new { action = "reject", version = 1, note = "无效" }), HttpStatusCode.OK);
        await AssertStatusAsync(await TransitionAsync(client, Ids[6], new { action = "file", version = 1 }), HttpStatusCode.OK);
    }
}

public sealed class IncidentListTests(IncidentListFactory factory) : IClassFixture<IncidentListFactory>
{
    private ApiDistrict D => factory.District;

    private async Task<(int Total, long[] Ids, JsonNode Body)> ListAsync(string query, string? key = null)
    {
        var response = await factory.ApiClient(key ?? D.Key).GetAsync($"/api/v1/incidents{query}");
        var body = await AssertStatusAsync(response, HttpStatusCode.OK);
        return (body["total"]!.GetValue<int>(), [.. body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>())], body);
    }

    private long[] Seeds(params int[] numbers) => [.. numbers.Select(n => factory.Ids[n])];

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));

    [Fact]
    public async Task Without_filters_lists_everything_newest_first()
    {
        var (total, ids, body) = await ListAsync("");

        Assert.Equal(6, total);
        Assert.Equal(Seeds(6, 5, 4, 3, 2, 1), ids);
        Assert.Equal(1, body["page"]!.GetValue<int>());
        Assert.Equal(50, body["pageSize"]!.GetValue<int>());
        Assert.Null(body["items"]![0]!["history"]);
    }

    [Theory]
    [InlineData("?stage=filed", new[] { 6 })]
    [InlineData("?stage=Rejected", new[] { 5 })]
    [InlineData("?stage=reported", new[] { 4, 3, 2, 1 })]
    [InlineData("?status=closed", new[] { 5 })]
    [InlineData("?status=open", new[] { 6, 4, 3, 2, 1 })]
    [InlineData("?source=hotline12345", new[] { 2 })]
    [InlineData("?source=gridWorker&status=open", new[] { 6, 4, 1 })]
    [InlineData("?category=C0101", new[] { 4, 2 })]
    [InlineData("?priority=high", new[] { 4 })]
    [InlineData("?node=610202002", new[] { 4, 3 })]
    [InlineData("?node=610202001001001", new[] { 5, 1 })]
    [InlineData("?node=610202001001", new[] { 6, 5, 2, 1 })]
    [InlineData("?node=610202", new[] { 6, 5, 4, 3, 2, 1 })]
    [InlineData("?node=610202009", new int[0])]
    [InlineData("?category=E0101&node=610202002", new[] { 3 })]
    public async Task Filters(string query, int[] expected)
    {
        var (total, ids, _) = await ListAsync(query);

        Assert.Equal(Seeds(expected), ids);
        Assert.Equal(expected.Length, total);
    }

    [Fact]
    public async Task Time_window_is_from_inclusive_to_exclusive()
    {
        var (total, ids, _) = await ListAsync($"?from={Iso(factory.Now.AddDays(-6))}&to={Iso(factory.Now.AddDays(-1.5))}");

        Assert.Equal(Seeds(3, 2), ids);
        Assert.Equal(2, total);
    }

    [Fact]
    public async Task Paging_keeps_the_total()
    {
        var (total, ids, body) = await ListAsync("?pageSize=2&page=2");
        var (_, last, _) = await ListAsync("?pageSize=4&page=2");
        var (beyond, none, _) = await ListAsync("?pageSize=4&page=9");

        Assert.Equal(6, total);
        Assert.Equal(Seeds(4, 3), ids);
        Assert.Equal(2, body["pageSize"]!.GetValue<int>());
        Assert.Equal(Seeds(2, 1), last);
        Assert.Equal(6, beyond);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Scoped_key_sees_only_its_street()
    {
        var (total, ids, _) = await ListAsync("", D.ScopedKey);
        var (districtTotal, districtIds, _) = await ListAsync("?node=610202", D.ScopedKey);
        var (gridTotal, _, _) = await ListAsync("?node=610202001001002", D.ScopedKey);

        Assert.Equal(Seeds(6, 5, 2, 1), ids);
        Assert.Equal(4, total);
        Assert.Equal(Seeds(6, 5, 2, 1), districtIds); // the narrower of node and scope decides
        Assert.Equal(4, districtTotal);
        Assert.Equal(2, gridTotal);
    }

    [Theory]
    [InlineData("610202002")]
    [InlineData("610202002001")]
    [InlineData("610202002001001")]
    public async Task Scoped_key_asking_for_a_node_outside_its_scope_is_403(string node)
    {
        await AssertProblemAsync(await factory.ApiClient(D.ScopedKey).GetAsync($"/api/v1/incidents?node={node}"), System.Net.HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("?stage=bogus", "stage")]
    [InlineData("?stage=1", "stage")]
    [InlineData("?status=half", "status")]
    [InlineData("?source=fax", "source")]
    [InlineData("?priority=9", "priority")]
    [InlineData("?category=%3Cscript%3E", "category")]
    [InlineData("?node=abc", "node")]
    [InlineData("?node=%EF%BC%96%EF%BC%91%EF%BC%90%EF%BC%92%EF%BC%90%EF%BC%92", "node")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-11-22T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-1", "page")]
    [InlineData("?pageSize=201", "pageSize")]
    [InlineData("?pageSize=99999999999999999999", "pageSize")]
    [InlineData("?page=%EF%BC%91", "page")]
    public async Task Invalid_filters_are_400_naming_the_field(string query, string field)
    {
        var problem = await AssertProblemAsync(await factory.ApiClient(D.Key).GetAsync($"/api/v1/incidents{query}"), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Get_one_returns_its_history_and_masks_the_reporter()
    {
        var response = await factory.ApiClient(D.Key).GetAsync($"/api/v1/incidents/{factory.Ids[6]}");

        var body = await AssertStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal(["report", "file"], body["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()));
        Assert.Equal("李*", body["reporter"]!["name"]!.GetValue<string>());
        Assert.Equal("138****5678", body["reporter"]!["phone"]!.GetValue<string>());
    }
}
