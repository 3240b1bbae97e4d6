using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Open311;

[Collection(Open311Collection.Name)]
public sealed class Open311ReportTests(Open311Fixture fixture)
{
    private async Task<Incident> IncidentAsync(long id)
    {
        Incident? incident = null;
        await fixture.Factory.WithDbAsync(async db => incident = await db.Incidents.AsNoTracking().Include(i => i.History).SingleAsync(i => i.Id == id));
        return incident!;
    }

    private async Task<string> GridCodeAsync(int gridId)
    {
        string? code = null;
        await fixture.Factory.WithDbAsync(async db => code = await db.Grids.Where(g => g.Id == gridId).Select(g => g.Code).SingleAsync());
        return code!;
    }

    [Fact]
    public async Task Form_post_with_lat_long_creates_an_open311_incident_in_the_located_grid()
    {
        var response = await fixture.PostFormAsync("xml", fixture.Report());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = await Open311Fixture.XmlAsync(response);
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        var request = Assert.Single(xml.Root.Elements("request"));
        var id = long.Parse(request.Element("service_request_id")!.Value, CultureInfo.InvariantCulture);
        Assert.Equal("acct-7", request.Element("account_id")!.Value);
        Assert.Contains("已受理", request.Element("service_notice")!.Value, StringComparison.Ordinal);

        var incident = await IncidentAsync(id);
        Assert.Equal(SourceChannel.Open311, incident.Source);
        Assert.Equal(incident.Number, request.Element("token")!.Value);
        Assert.Equal(35.02, incident.Latitude);
        Assert.Equal(109.08, incident.Longitude);
        var located = await fixture.Factory.Services.GetRequiredService<GridLocator>().LocateAsync(35.02, 109.08);
        Assert.Equal(located!.Id, incident.GridId);
        Assert.Equal("张三", incident.ReporterName);
        Assert.Equal("13812345678", incident.ReporterPhone);
        Assert.Equal("小区门口垃圾堆积", incident.Title);
        Assert.Equal("小区门口垃圾堆积\n已有三天", incident.Description);
        Assert.Equal(IncidentAction.Report, Assert.Single(incident.History).Action);
        Assert.EndsWith($"/open311/v2/requests/{id}.xml", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_post_with_address_id_places_the_report_in_that_grid()
    {
        var response = await fixture.PostFormAsync("json", fixture.Report(("lat", null), ("long", null), ("address_id", "610202001001002"), ("address_string", "测试路2号")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Open311Fixture.JsonAsync(response);
        var element = Assert.Single(json.EnumerateArray());
        Assert.Equal(JsonValueKind.String, element.GetProperty("service_request_id").ValueKind);
        var incident = await IncidentAsync(long.Parse(element.GetProperty("service_request_id").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("610202001001002", await GridCodeAsync(incident.GridId));
        Assert.Equal("测试路2号", incident.Address);
        Assert.Null(incident.Latitude);
        Assert.Equal(SourceChannel.Open311, incident.Source);
    }

    [Fact]
    public async Task A_public_client_content_type_with_charset_utf8_is_accepted_and_chinese_round_trips()
    {
        var response = await fixture.PostFormAsync("json", fixture.Report(("description", "井盖丢失，行人危险！Ω")),
            contentType: "application/x-www-form-urlencoded; charset=UTF-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await Open311Fixture.JsonAsync(response))[0].GetProperty("service_request_id").GetString();
        var incident = await IncidentAsync(long.Parse(id!, CultureInfo.InvariantCulture));
        Assert.Equal("井盖丢失，行人危险！Ω", incident.Description);

        var read = await Open311Fixture.XmlAsync(await fixture.GetWithKeyAsync($"requests/{id}.xml"));
        Assert.Equal("井盖丢失，行人危险！Ω", read.Root!.Element("request")!.Element("description")!.Value);
    }

    [Fact]
    public async Task A_post_with_api_key_in_the_query_string_is_accepted()
    {
        var fields = fixture.Report(("api_key", null));
        var response = await fixture.Client().PostAsync($"/open311/v2/requests.json?api_key={Uri.EscapeDataString(fixture.Key)}", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Media_url_is_kept_and_shown_apart_from_the_description()
    {
        var response = await fixture.PostFormAsync("json", fixture.Report(("media_url", "https://img.example.com/a.jpg?x=1&y=2")));
        var id = (await Open311Fixture.JsonAsync(response))[0].GetProperty("service_request_id").GetString();

        var json = await Open311Fixture.JsonAsync(await fixture.GetWithKeyAsync($"requests/{id}.json"));
        var request = json[0];
        Assert.Equal("https://img.example.com/a.jpg?x=1&y=2", request.GetProperty("media_url").GetString());
        Assert.Equal("小区门口垃圾堆积\n已有三天", request.GetProperty("description").GetString());
        // Kept as the incident's photo reference, so the console and the JSON API show it too.
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandCenter.Data.CommandCenterDbContext>();
        var stored = await db.Incidents.SingleAsync(i => i.Id == long.Parse(id!, CultureInfo.InvariantCulture));
        Assert.Equal("https://img.example.com/a.jpg?x=1&y=2", stored.PhotoUrls);
        Assert.Equal("小区门口垃圾堆积\n已有三天", stored.Description);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_bad_api_key_is_403_with_the_error_list(string format)
    {
        var descriptions = await Open311Fixture.ErrorsAsync(await fixture.PostFormAsync(format, fixture.Report(("api_key", "cc_bad"))), 403, format);
        await Open311Fixture.ErrorsAsync(await fixture.PostFormAsync(format, fixture.Report(("api_key", fixture.RevokedKey))), 403, format);

        Assert.Equal("Invalid api_key.", descriptions[0]);
    }

    [Fact]
    public async Task No_api_key_and_no_session_is_401()
    {
        await Open311Fixture.ErrorsAsync(await fixture.PostFormAsync("json", fixture.Report(("api_key", null))), 401, "json");
    }

    [Fact]
    public async Task A_scoped_key_cannot_report_outside_its_area()
    {
        var descriptions = await Open311Fixture.ErrorsAsync(await fixture.PostFormAsync("xml", fixture.Report(("api_key", fixture.OtherStreetKey))), 403, "xml");

        Assert.Contains("area", descriptions[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Missing_service_code_is_400(string format)
    {
        var descriptions = await Open311Fixture.ErrorsAsync(await fixture.PostFormAsync(format, fixture.Report(("service_code", null))), 400, format);

        Assert.Contains("service_code is required.", descriptions);
    }

    [Theory]
    [InlineData("E9999")]
    [InlineData("G0901")]
    [InlineData("'; drop")]
    public async Task Unknown_or_inactive_service_code_is_400(string code)
    {
        var descriptions = await Open311Fixture.ErrorsAsync(await fixture.PostFormAsync("json", fixture.Report(("service_code", code))), 400, "json");

        Assert.Contains("service_code", descriptions[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_string_alone_cannot_be_placed()
    {
        var descriptions = await Open311Fixture.ErrorsAsync(
            await fixture.PostFormAsync("json", fixture.Report(("lat", null), ("long", null), ("address_string", "测试路1号"))), 400, "json");

        Assert.Equal("address_string alone cannot be placed; send lat/long or address_id.", Assert.Single(descriptions));
    }

    [Theory]
    [InlineData(null, null, null, "A location is required")]
    [InlineData("35.02", null, null, "lat and long go together.")]
    [InlineData("NaN", "109.08", null, "lat is a decimal degree")]
    [InlineData("91", "109.08", null, "lat is a decimal degree")]
    [InlineData("1.0", "1.0", null, "lat/long: The position lies outside")]
    [InlineData(null, null, "61020200100100", "address_id is a grid code")]
    [InlineData(null, null, "610202001001999", "address_id: No such grid.")]
    public async Task Bad_locations_are_400(string? lat, string? lon, string? addressId, string expected)
    {
        var fields = fixture.Report(("lat", lat), ("long", lon), ("address_id", addressId));

        var descriptions = await Open311Fixture.ErrorsAsync(await fixture.PostFormAsync("json", fields), 400, "json");

        Assert.Contains(descriptions, d => d.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lat_long_outside_the_given_address_id_is_400()
    {
        var located = await fixture.Factory.Services.GetRequiredService<GridLocator>().LocateAsync(35.02, 109.08);
        var other = located!.Code == "610202001001003" ? "610202001001002" : "610202001001003";

        var descriptions = await Open311Fixture.ErrorsAsync(await fixture.PostFormAsync("json", fixture.Report(("address_id", other))), 400, "json");

        Assert.Contains("address_id", descriptions[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.PostFormAsync("json", fixture.Report(("address_id", located.Code)))).StatusCode);
    }

    [Fact]
    public async Task A_bad_phone_and_an_overlong_description_are_400_with_open311_field_names()
    {
        var descriptions = await Open311Fixture.ErrorsAsync(
            await fixture.PostFormAsync("xml", fixture.Report(("phone", "call me"), ("description", new string('长', 4001)))), 400, "xml");

        Assert.Contains(descriptions, d => d.StartsWith("phone:", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("description:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_over_64_KB_is_413()
    {
        var response = await fixture.PostFormAsync("xml", fixture.Report(("description", new string('x', 70_000))));

        await Open311Fixture.ErrorsAsync(response, 413, "xml");
    }

    [Fact]
    public async Task A_json_body_is_415_and_so_is_another_charset()
    {
        var json = new StringContent("""{"service_code":"E0101"}""", Encoding.UTF8, "application/json");
        await Open311Fixture.ErrorsAsync(await fixture.Client().PostAsync("/open311/v2/requests.json", json), 415, "json");

        var latin = await fixture.PostFormAsync("xml", fixture.Report(), contentType: "application/x-www-form-urlencoded; charset=ISO-8859-1");
        await Open311Fixture.ErrorsAsync(latin, 415, "xml");

        using var noType = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.xml") { Content = new ByteArrayContent([1, 2, 3]) };
        await Open311Fixture.ErrorsAsync(await fixture.Client().SendAsync(noType), 415, "xml");
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_400()
    {
        var content = new ByteArrayContent([.. Encoding.ASCII.GetBytes("service_code=E0101&description="), 0xC3, 0x28]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");

        await Open311Fixture.ErrorsAsync(await fixture.Client().PostAsync("/open311/v2/requests.json", content), 400, "json");
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_answer_in_either_format_and_refuses_another_body()
    {
        var key = Guid.NewGuid().ToString("N");
        var fields = fixture.Report(("description", $"幂等 {key}"));

        var first = await fixture.PostFormAsync("json", fields, idempotencyKey: key);
        var again = await fixture.PostFormAsync("xml", fields, idempotencyKey: key);
        var other = await fixture.PostFormAsync("json", fixture.Report(("description", "另一个")), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var id = (await Open311Fixture.JsonAsync(first))[0].GetProperty("service_request_id").GetString();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(id, (await Open311Fixture.XmlAsync(again)).Root!.Element("request")!.Element("service_request_id")!.Value);
        await Open311Fixture.ErrorsAsync(other, 422, "json");
        var count = 0;
        await fixture.Factory.WithDbAsync(async db => count = await db.Incidents.CountAsync(i => i.Description == $"幂等 {key}"));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Two_reports_at_once_with_one_key_create_one_service_request()
    {
        var key = Guid.NewGuid().ToString("N");
        var fields = fixture.Report(("description", $"并发 {key}"));

        var both = await Task.WhenAll(fixture.PostFormAsync("json", fields, idempotencyKey: key), fixture.PostFormAsync("json", fields, idempotencyKey: key));

        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(await both[0].Content.ReadAsStringAsync(), await both[1].Content.ReadAsStringAsync());
        var count = 0;
        await fixture.Factory.WithDbAsync(async db => count = await db.Incidents.CountAsync(i => i.Description == $"并发 {key}"));
        Assert.Equal(1, count);
    }
}
