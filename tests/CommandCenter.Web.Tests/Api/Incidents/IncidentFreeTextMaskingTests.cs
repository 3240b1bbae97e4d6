using System.Net;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using Microsoft.Extensions.DependencyInjection;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Incidents;

/// <summary>ID and mobile numbers typed into a title or description never come back in full: JSON API, Open311, live state.</summary>
public sealed class IncidentFreeTextMaskingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Title = "张三 13812345678 610202199001011234";

    [Fact]
    public async Task The_API_Open311_and_the_wall_feed_answer_with_masked_free_text()
    {
        var client = factory.ApiClient(factory.District.Key);
        var created = await CreateIncidentAsync(client, new
        {
            title = Title,
            description = "请回电 139 1234 5678",
            categoryCode = ApiDistrict.EventCategory,
            gridCode = ApiDistrict.Grid1Code,
        });
        Assert.Equal("张三 138****5678 610202********1234", created["title"]!.GetValue<string>());
        Assert.Equal("请回电 139****5678", created["description"]!.GetValue<string>());
        var id = created["id"]!.GetValue<long>();

        var read = await client.GetStringAsync($"/api/v1/incidents/{id}");
        var list = await client.GetStringAsync("/api/v1/incidents?pageSize=100");
        var open311 = await client.GetStringAsync($"/open311/v2/requests/{id}.json");
        foreach (var body in new[] { read, list, open311 })
        {
            Assert.DoesNotContain("13812345678", body, StringComparison.Ordinal);
            Assert.DoesNotContain("610202199001011234", body, StringComparison.Ordinal);
            Assert.DoesNotContain("1234 5678", body, StringComparison.Ordinal);
        }

        var metrics = factory.Services.GetRequiredService<LiveMetrics>();
        await metrics.ReloadAsync(CancellationToken.None);
        var line = Assert.Single(metrics.Current.Newest, n => n.Id == id);
        Assert.Equal("张三 138****5678 610202********1234", line.Title);
    }
}
