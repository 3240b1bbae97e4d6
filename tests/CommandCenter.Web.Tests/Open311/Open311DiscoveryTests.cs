using System.Net;
using System.Text.Json;

namespace CommandCenter.Web.Tests.Open311;

[Collection(Open311Collection.Name)]
public sealed class Open311DiscoveryTests(Open311Fixture fixture)
{
    [Fact]
    public async Task Discovery_xml_names_the_v2_endpoint_and_both_formats()
    {
        var response = await fixture.GetWithKeyAsync("discovery.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = await Open311Fixture.XmlAsync(response);
        Assert.Equal("discovery", xml.Root!.Name.LocalName);
        Assert.NotEmpty(xml.Root.Element("changeset")!.Value);
        Assert.NotNull(xml.Root.Element("contact"));
        Assert.NotNull(xml.Root.Element("key_service"));
        var endpoint = Assert.Single(xml.Root.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
        Assert.EndsWith("/open311/v2", endpoint.Element("url")!.Value, StringComparison.Ordinal);
        Assert.Equal("production", endpoint.Element("type")!.Value);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(e => e.Value));
        Assert.True(DateTimeOffset.TryParse(endpoint.Element("changeset")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task Discovery_json_has_the_same_shape()
    {
        var json = await Open311Fixture.JsonAsync(await fixture.GetWithKeyAsync("discovery.json"));

        Assert.True(json.TryGetProperty("changeset", out _));
        Assert.True(json.TryGetProperty("key_service", out _));
        var endpoint = Assert.Single(json.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Services_xml_lists_active_minor_categories_grouped_by_major()
    {
        var xml = await Open311Fixture.XmlAsync(await fixture.GetWithKeyAsync("services.xml"));

        Assert.Equal("services", xml.Root!.Name.LocalName);
        var services = xml.Root.Elements("service").ToDictionary(s => s.Element("service_code")!.Value);
        Assert.Equal(["C0101", "E0101"], services.Keys.Order());
        var e0101 = services["E0101"];
        Assert.Equal("暴露垃圾", e0101.Element("service_name")!.Value);
        Assert.Equal("市容环境", e0101.Element("group")!.Value);
        Assert.Equal("false", e0101.Element("metadata")!.Value);
        Assert.Equal("realtime", e0101.Element("type")!.Value);
        Assert.Contains("暴露垃圾", e0101.Element("keywords")!.Value, StringComparison.Ordinal);
        Assert.NotEmpty(e0101.Element("description")!.Value);
        Assert.Equal("公用设施", services["C0101"].Element("group")!.Value);
    }

    [Fact]
    public async Task Services_json_lists_the_same_services()
    {
        var json = await Open311Fixture.JsonAsync(await fixture.GetWithKeyAsync("services.json"));

        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        var c0101 = json.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "C0101");
        Assert.Equal("井盖", c0101.GetProperty("service_name").GetString());
        Assert.Equal("公用设施", c0101.GetProperty("group").GetString());
        Assert.False(c0101.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", c0101.GetProperty("type").GetString());
        Assert.DoesNotContain(json.EnumerateArray(), s => s.GetProperty("service_code").GetString() == "G0901");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Service_definition_has_no_attributes(string format)
    {
        var response = await fixture.GetWithKeyAsync($"services/E0101.{format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (format == "xml")
        {
            var xml = await Open311Fixture.XmlAsync(response);
            Assert.Equal("service_definition", xml.Root!.Name.LocalName);
            Assert.Equal("E0101", xml.Root.Element("service_code")!.Value);
            Assert.Empty(xml.Root.Element("attributes")!.Elements());
        }
        else
        {
            var json = await Open311Fixture.JsonAsync(response);
            Assert.Equal("E0101", json.GetProperty("service_code").GetString());
            Assert.Equal(0, json.GetProperty("attributes").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("services/E9999", "xml")]
    [InlineData("services/E9999", "json")]
    [InlineData("services/G0901", "json")]
    [InlineData("services/%3Cscript%3E", "xml")]
    public async Task Unknown_or_inactive_service_definition_is_404_with_the_error_list(string path, string format)
    {
        var descriptions = await Open311Fixture.ErrorsAsync(await fixture.GetWithKeyAsync($"{path}.{format}"), 404, format);

        Assert.Contains("service_code", descriptions[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_credentials_is_401_with_the_error_list()
    {
        await Open311Fixture.ErrorsAsync(await fixture.GetAsync("services.json"), 401, "json");
        await Open311Fixture.ErrorsAsync(await fixture.GetAsync("discovery.xml"), 401, "xml");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Wrong_or_revoked_api_key_is_403_with_the_error_list(string format)
    {
        var wrong = await Open311Fixture.ErrorsAsync(await fixture.GetAsync($"services.{format}", "cc_not_a_key"), 403, format);
        await Open311Fixture.ErrorsAsync(await fixture.GetAsync($"services.{format}", fixture.RevokedKey), 403, format);

        Assert.Contains("api_key", wrong[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_x_api_key_header_authenticates_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.json");
        request.Headers.Add("X-Api-Key", fixture.Key);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client().SendAsync(request)).StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.json");
        wrong.Headers.Add("X-Api-Key", "cc_wrong");
        await Open311Fixture.ErrorsAsync(await fixture.Client().SendAsync(wrong), 403, "json");
    }

    [Fact]
    public async Task A_signed_in_session_may_read_but_an_analyst_may_not_report()
    {
        await fixture.Factory.CreateUserAsync("open311-analyst", Data.Identity.Roles.Analyst);
        var browser = await fixture.Factory.SignedInBrowserAsync("open311-analyst");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/open311/v2/services.xml")).StatusCode);
        var fields = fixture.Report(("api_key", null));
        var post = await browser.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(fields));
        await Open311Fixture.ErrorsAsync(post, 403, "json");
    }

    [Fact]
    public async Task Unknown_formats_and_resources_are_404_error_lists_not_pages()
    {
        await Open311Fixture.ErrorsAsync(await fixture.GetWithKeyAsync("services.csv"), 404, "xml");
        await Open311Fixture.ErrorsAsync(await fixture.Client().GetAsync("/open311/v2/nothing.json"), 404, "json");
        await Open311Fixture.ErrorsAsync(await fixture.Client().GetAsync("/open311/v3/discovery.xml"), 404, "xml");
    }
}
