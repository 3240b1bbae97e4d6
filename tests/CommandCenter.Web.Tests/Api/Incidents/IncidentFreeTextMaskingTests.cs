using System.Net;
using CommandCenter.Data.Live;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Incidents;

/// <summary>A title with every kind of personal number, as typed and as every output must show it.</summary>
public static class MaskedFreeText
{
    public const string Title = "张三 13812345678 610202199001011234 029-88881234 6222 0212 3456 7890 123";
    public const string MaskedTitle = "张* 138****5678 610202********1234 029-****1234 622202*********0123";

    /// <summary>The personal numbers of <see cref="Title"/> and the note, as they were typed.</summary>
    public static readonly string[] Personal = ["张三", "13812345678", "610202199001011234", "88881234", "6222 0212 3456 7890 123", "1234 5678", "13987654321"];

    public static void AssertNothingPersonal(string body)
    {
        foreach (var value in Personal)
        {
            Assert.DoesNotContain(value, body, StringComparison.Ordinal);
        }
    }
}

/// <summary>
/// ID, mobile, landline and bank-card numbers typed into a title, description or note never come back in full: JSON API
/// (create, list, detail, history), Open311 (one request and the search), live state and the hub snapshot.
/// </summary>
public sealed class IncidentFreeTextMaskingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_API_Open311_the_live_state_and_the_hub_answer_with_masked_free_text()
    {
        var client = factory.ApiClient(factory.District.Key);
        var created = await CreateIncidentAsync(client, new
        {
            title = MaskedFreeText.Title,
            description = "请回电 139 1234 5678 或 (029)8888-1234",
            categoryCode = ApiDistrict.EventCategory,
            gridCode = ApiDistrict.Grid1Code,
        });
        Assert.Equal(MaskedFreeText.MaskedTitle, created["title"]!.GetValue<string>());
        Assert.Equal("请回电 139****5678 或 (029)****1234", created["description"]!.GetValue<string>());
        var id = created["id"]!.GetValue<long>();
        await AssertStatusAsync(await TransitionAsync(client, id, new { action = "file", version = 1, note = "已联系 13987654321" }), HttpStatusCode.OK);

        var read = await client.GetStringAsync($"/api/v1/incidents/{id}");
        var list = await client.GetStringAsync("/api/v1/incidents?pageSize=100");
        var open311 = await client.GetStringAsync($"/open311/v2/requests/{id}.json");
        var search = await client.GetStringAsync("/open311/v2/requests.json");
        Assert.Contains("139****4321", read, StringComparison.Ordinal); // the history note
        Assert.Contains("622202*********0123", list, StringComparison.Ordinal);
        Assert.Contains("(029)****1234", open311, StringComparison.Ordinal); // Open311 describes with the description
        Assert.Contains("139****4321", open311, StringComparison.Ordinal); // status_notes
        foreach (var body in new[] { read, list, open311, search })
        {
            MaskedFreeText.AssertNothingPersonal(body);
        }

        var metrics = factory.Services.GetRequiredService<LiveMetrics>();
        await metrics.ReloadAsync(CancellationToken.None);
        Assert.Equal(MaskedFreeText.MaskedTitle, Assert.Single(metrics.Current.Newest, n => n.Id == id).Title);

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, LiveHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers[AuthenticationSchemeNames.ApiKeyHeader] = factory.District.Key;
            })
            .Build();
        await hub.StartAsync();
        var snapshot = await hub.InvokeAsync<LiveNodeSnapshot>("Join", ApiDistrict.Street1Code);
        Assert.Equal(MaskedFreeText.MaskedTitle, Assert.Single(snapshot.Newest, n => n.Id == id).Title);
    }
}
