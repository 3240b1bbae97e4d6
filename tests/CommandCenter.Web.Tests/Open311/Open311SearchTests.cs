using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CommandCenter.Web.Tests.Open311;

[Collection(Open311Collection.Name)]
public sealed class Open311SearchTests(Open311Fixture fixture)
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<List<string>> IdsAsync(string query)
    {
        var response = await fixture.GetWithKeyAsync("requests.json?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Open311Fixture.JsonAsync(response);
        return [.. json.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!)];
    }

    private string June => $"start_date={Open311Fixture.JuneStart}&end_date={Open311Fixture.JuneEnd}";

    [Fact]
    public async Task A_date_window_finds_its_requests_newest_first_without_sos()
    {
        var ids = await IdsAsync(June);

        Assert.Equal([Id(fixture.Handling), Id(fixture.Rejected), Id(fixture.ClosedWithHistory), Id(fixture.OpenReported)], ids);
    }

    [Fact]
    public async Task The_default_window_is_the_last_90_days()
    {
        var ids = await IdsAsync("");

        Assert.DoesNotContain(Id(fixture.OpenReported), ids);
    }

    [Fact]
    public async Task Service_request_id_list_overrides_every_other_filter()
    {
        var ids = await IdsAsync($"service_request_id={fixture.OpenReported},{fixture.ClosedWithHistory},{fixture.Sos}&status=closed&service_code=C0101&start_date=2020-01-01T00:00:00Z&end_date=2020-01-02T00:00:00Z");

        Assert.Equal([Id(fixture.ClosedWithHistory), Id(fixture.OpenReported)], ids);
    }

    [Fact]
    public async Task Service_request_id_list_ignores_even_malformed_other_filters()
    {
        var ids = await IdsAsync($"service_request_id={fixture.Rejected}&status=pending&start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z");

        Assert.Equal([Id(fixture.Rejected)], ids);
    }

    [Fact]
    public async Task An_offset_whose_plus_was_not_percent_encoded_still_parses()
    {
        Assert.Equal(4, (await IdsAsync("start_date=2026-06-01T08:00:00+08:00&end_date=2026-06-20T08:00:00+08:00")).Count);
    }

    [Theory]
    [InlineData("service_request_id=12,abc")]
    [InlineData("start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z")]
    [InlineData("start_date=yesterday")]
    [InlineData("start_date=2026-06-10T00:00:00Z&end_date=2026-06-01T00:00:00Z")]
    [InlineData("status=pending")]
    [InlineData("page_size=1001")]
    [InlineData("page=0")]
    [InlineData("service_code=E0101,%3Cx%3E")]
    [InlineData("extensions=maybe")]
    public async Task Bad_filters_are_400_error_lists(string query)
    {
        await Open311Fixture.ErrorsAsync(await fixture.GetWithKeyAsync("requests.xml?" + query), 400, "xml");
    }

    [Fact]
    public async Task A_91_day_span_is_400_and_90_days_is_fine()
    {
        var descriptions = await Open311Fixture.ErrorsAsync(
            await fixture.GetWithKeyAsync("requests.json?start_date=2026-03-01T00:00:00%2B08:00&end_date=2026-05-31T00:00:00%2B08:00"), 400, "json");
        Assert.Contains("90 days", descriptions[0], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await fixture.GetWithKeyAsync("requests.json?start_date=2026-03-01T00:00:00%2B08:00&end_date=2026-05-30T00:00:00%2B08:00")).StatusCode);
    }

    [Fact]
    public async Task Status_filters_open_and_closed()
    {
        Assert.Equal([Id(fixture.Handling), Id(fixture.OpenReported)], await IdsAsync(June + "&status=open"));
        Assert.Equal([Id(fixture.Rejected), Id(fixture.ClosedWithHistory)], await IdsAsync(June + "&status=closed"));
        Assert.Equal(4, (await IdsAsync(June + "&status=open,closed")).Count);
    }

    [Fact]
    public async Task Service_code_filters_a_comma_separated_list()
    {
        Assert.Equal([Id(fixture.ClosedWithHistory)], await IdsAsync(June + "&service_code=C0101"));
        Assert.Equal(4, (await IdsAsync(June + "&service_code=C0101,E0101")).Count);
    }

    [Fact]
    public async Task Page_and_page_size_walk_the_results()
    {
        Assert.Equal([Id(fixture.Handling), Id(fixture.Rejected)], await IdsAsync(June + "&page_size=2"));
        Assert.Equal([Id(fixture.ClosedWithHistory), Id(fixture.OpenReported)], await IdsAsync(June + "&page_size=2&page=2"));
        Assert.Empty(await IdsAsync(June + "&page_size=2&page=3"));
    }

    [Fact]
    public async Task A_request_has_every_field_of_the_spec()
    {
        var json = await Open311Fixture.JsonAsync(await fixture.GetWithKeyAsync($"requests/{fixture.ClosedWithHistory}.json"));
        var request = Assert.Single(json.EnumerateArray());

        string[] fields =
        [
            "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
            "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
        ];
        Assert.Equal(fields, request.EnumerateObject().Select(p => p.Name));
        Assert.Equal("closed", request.GetProperty("status").GetString());
        Assert.Equal("核查属实，结案", request.GetProperty("status_notes").GetString());
        Assert.Equal("井盖", request.GetProperty("service_name").GetString());
        Assert.Equal("城管执法中队", request.GetProperty("agency_responsible").GetString());
        Assert.Equal("2026-06-02T08:00:00+08:00", request.GetProperty("requested_datetime").GetString());
        Assert.Equal("2026-06-03T08:00:00+08:00", request.GetProperty("expected_datetime").GetString());
        Assert.Equal("610202001001001", request.GetProperty("address_id").GetString());
        Assert.Equal(35.02, request.GetProperty("lat").GetDouble());
        Assert.Equal(JsonValueKind.Null, request.GetProperty("zipcode").ValueKind);
        Assert.False(request.TryGetProperty("notes", out _));
    }

    [Fact]
    public async Task Extensions_add_notes_from_the_public_history()
    {
        var json = await Open311Fixture.JsonAsync(await fixture.GetWithKeyAsync($"requests.json?service_request_id={fixture.ClosedWithHistory}&extensions=true"));
        var notes = json[0].GetProperty("notes").EnumerateArray().ToList();

        Assert.Equal(["report", "file", "dispatch", "accept", "feedback", "close"], notes.Select(n => n.GetProperty("type").GetString()));
        Assert.Equal("open", notes[0].GetProperty("status").GetString());
        Assert.Equal("closed", notes[^1].GetProperty("status").GetString());
        Assert.Equal("已核查结案：核查属实，结案", notes[^1].GetProperty("description").GetString());
        Assert.Equal("2026-06-02T08:00:00+08:00", notes[0].GetProperty("datetime").GetString());
        Assert.DoesNotContain(notes, n => n.GetProperty("description").GetString()!.Contains("内部督办", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Extensions_in_xml_are_notes_of_note_elements()
    {
        var xml = await Open311Fixture.XmlAsync(await fixture.GetWithKeyAsync($"requests/{fixture.Rejected}.xml?extensions=true"));

        var notes = xml.Root!.Element("request")!.Element("notes")!.Elements("note").ToList();
        Assert.Equal(2, notes.Count);
        Assert.Equal("reject", notes[1].Element("type")!.Value);
        Assert.Equal("已作废：重复上报", notes[1].Element("description")!.Value);
        Assert.Equal("closed", notes[1].Element("status")!.Value);
    }

    [Theory]
    [InlineData("requests/999999999.xml", "xml")]
    [InlineData("requests/999999999.json", "json")]
    [InlineData("requests/abc.json", "json")]
    [InlineData("tokens/NOPE000001.xml", "xml")]
    [InlineData("tokens/%3Cx%3E.json", "json")]
    public async Task Unknown_requests_and_tokens_are_404(string path, string format)
    {
        await Open311Fixture.ErrorsAsync(await fixture.GetWithKeyAsync(path), 404, format);
    }

    [Fact]
    public async Task Sos_incidents_never_leave_through_open311()
    {
        await Open311Fixture.ErrorsAsync(await fixture.GetWithKeyAsync($"requests/{fixture.Sos}.json"), 404, "json");
    }

    [Fact]
    public async Task A_token_resolves_to_its_service_request_id()
    {
        var xml = await Open311Fixture.XmlAsync(await fixture.GetWithKeyAsync($"tokens/{fixture.ClosedNumber}.xml"));
        var request = xml.Root!.Element("request")!;
        Assert.Equal(Id(fixture.ClosedWithHistory), request.Element("service_request_id")!.Value);
        Assert.Equal(fixture.ClosedNumber, request.Element("token")!.Value);

        var json = await Open311Fixture.JsonAsync(await fixture.GetWithKeyAsync($"tokens/{fixture.ClosedNumber}.json"));
        Assert.Equal(Id(fixture.ClosedWithHistory), json[0].GetProperty("service_request_id").GetString());
    }

    [Fact]
    public async Task A_posted_token_finds_the_new_request()
    {
        var posted = await Open311Fixture.JsonAsync(await fixture.PostFormAsync("json", fixture.Report()));
        var token = posted[0].GetProperty("token").GetString();

        var json = await Open311Fixture.JsonAsync(await fixture.GetWithKeyAsync($"tokens/{token}.json"));

        Assert.Equal(posted[0].GetProperty("service_request_id").GetString(), json[0].GetProperty("service_request_id").GetString());
    }

    [Fact]
    public async Task A_scoped_key_sees_only_its_area()
    {
        var response = await fixture.GetAsync($"requests.json?{June}", fixture.OtherStreetKey);
        Assert.Equal(0, (await Open311Fixture.JsonAsync(response)).GetArrayLength());

        await Open311Fixture.ErrorsAsync(await fixture.GetAsync($"requests/{fixture.OpenReported}.json", fixture.OtherStreetKey), 403, "json");
        await Open311Fixture.ErrorsAsync(await fixture.GetAsync($"tokens/{fixture.ClosedNumber}.xml", fixture.OtherStreetKey), 403, "xml");
    }

    [Fact]
    public async Task Xml_is_utf8_without_bom_well_formed_and_escapes_odd_text()
    {
        var response = await fixture.GetWithKeyAsync($"requests/{fixture.WithOddText}.xml");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;&amp;&gt;", text, StringComparison.Ordinal);
        var xml = await Open311Fixture.XmlAsync(response);
        var request = xml.Root!.Element("request")!;
        Assert.Equal("特殊字符 <&>\"'  结束", request.Element("description")!.Value);
        Assert.Equal("暴露垃圾", request.Element("service_name")!.Value);
        Assert.Equal("测试路1号", request.Element("address")!.Value);

        var json = await Open311Fixture.JsonAsync(await fixture.GetWithKeyAsync($"requests/{fixture.WithOddText}.json"));
        Assert.Equal("特殊字符 <&>\"' \u0001 结束", json[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task Json_datetimes_are_plain_w3c_text()
    {
        var response = await fixture.GetWithKeyAsync($"requests/{fixture.ClosedWithHistory}.json");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"requested_datetime\":\"2026-06-02T08:00:00+08:00\"", text, StringComparison.Ordinal);
        Assert.Contains("\"service_name\":\"井盖\"", text, StringComparison.Ordinal);
    }
}
