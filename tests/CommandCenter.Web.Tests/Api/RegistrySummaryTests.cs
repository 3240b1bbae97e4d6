using System.Net;
using System.Text.Json.Nodes;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Registry;
using CommandCenter.Data.Statistics;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Tests.Components.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Api;

/// <summary>GET /api/v1/registry/summary: the home page's and the wall's numbers, per node, within the caller's scope.</summary>
public sealed class RegistrySummaryTests(RegistryFactory factory) : IClassFixture<RegistryFactory>
{
    private static readonly string[] Fields = ["residents", "households", "buildings", "rooms", "places", "components", "organizations"];

    private async Task<HttpClient> SignedInAsync(string role, string? scope = null)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";
        var user = await factory.CreateUserAsync(name, role);
        if (scope is not null)
        {
            await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ScopeCode, scope)));
        }
        return await factory.SignedInBrowserAsync(name);
    }

    private static async Task<JsonNode> SummaryAsync(HttpClient client, string? node) =>
        await ApiCalls.AssertStatusAsync(await client.GetAsync("/api/v1/registry/summary" + (node is null ? "" : "?node=" + node)), HttpStatusCode.OK);

    private static long[] Numbers(JsonNode body) => [.. Fields.Select(f => body[f]!.GetValue<long>())];

    [Fact]
    public async Task The_district_gives_the_home_pages_numbers_and_a_street_the_walls()
    {
        var client = factory.ApiClient(factory.District.Key);

        var district = await SummaryAsync(client, ApiDistrict.DistrictCode);
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<Data.CommandCenterDbContext>>();
        var statistics = factory.Services.GetRequiredService<StatisticsQueries>();
        var home = (await statistics.DistrictTotalsAsync(2026, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))).Registry;
        Assert.Equal([home.Residents, home.Households, home.Buildings, home.Rooms, home.Places, home.Components, home.Organizations], Numbers(district));
        Assert.All(Numbers(district), n => Assert.True(n > 0));

        var street = await SummaryAsync(client, ApiDistrict.Street2Code);
        var wall = (await statistics.NodeFiguresAsync())[ApiDistrict.Street2Code];
        Assert.Equal(wall.People.Total, street["residents"]!.GetValue<long>());
        Assert.Equal(wall.Buildings, street["buildings"]!.GetValue<long>());
        Assert.Equal(wall.Rooms, street["rooms"]!.GetValue<long>());
        Assert.Equal(wall.Places, street["places"]!.GetValue<long>());
        Assert.Equal(wall.Components, street["components"]!.GetValue<long>());
        Assert.Equal([1L, 1, 1, 1, 1, 1, 1], Numbers(street));
        Assert.True(Numbers(street).Zip(Numbers(district)).All(p => p.First <= p.Second));

        // The read model itself, for a grid.
        var grid = await factory.QueryAsync(db => RegistryCounts.QueryAsync(db, ApiDistrict.Grid2Code));
        Assert.Equal(2, grid.Residents);
        Assert.Equal(0, grid.Places);
    }

    [Fact]
    public async Task A_scoped_caller_gets_its_scope_without_a_node_and_403_outside_it()
    {
        var scopedKey = factory.ApiClient(factory.District.ScopedKey);
        Assert.Equal(ApiDistrict.Street1Code, (await SummaryAsync(scopedKey, null))["node"]!.GetValue<string>());
        await ApiCalls.AssertProblemAsync(await scopedKey.GetAsync($"/api/v1/registry/summary?node={ApiDistrict.Street2Code}"), HttpStatusCode.Forbidden);

        var analyst = await SignedInAsync(Roles.Analyst, ApiDistrict.Street2Code);
        Assert.Equal(1, (await SummaryAsync(analyst, ApiDistrict.Grid3Code))["residents"]!.GetValue<long>());
        await ApiCalls.AssertProblemAsync(await analyst.GetAsync($"/api/v1/registry/summary?node={ApiDistrict.DistrictCode}"), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await analyst.GetAsync($"/api/v1/registry/summary?node={ApiDistrict.Grid1Code}"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Roles.DutyOfficer)]
    [InlineData(Roles.Wall)]
    public async Task Duty_officers_and_walls_get_403(string role)
    {
        var client = await SignedInAsync(role);
        await ApiCalls.AssertProblemAsync(await client.GetAsync("/api/v1/registry/summary"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Analyst)]
    public async Task Admins_leaders_and_analysts_get_the_district_without_a_node(string role)
    {
        var client = await SignedInAsync(role);
        Assert.Equal(ApiDistrict.DistrictCode, (await SummaryAsync(client, null))["node"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("610202009")]
    [InlineData("610202001001009")]
    [InlineData("abc")]
    public async Task An_unknown_node_is_404(string node)
    {
        var client = factory.ApiClient(factory.District.Key);
        await ApiCalls.AssertProblemAsync(await client.GetAsync($"/api/v1/registry/summary?node={node}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_credentials_it_is_401()
    {
        var response = await factory.ApiClient(null).GetAsync("/api/v1/registry/summary");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
