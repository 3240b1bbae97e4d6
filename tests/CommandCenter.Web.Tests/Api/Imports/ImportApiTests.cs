using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Api.Imports;

/// <summary>The API district with the job server on (imports run) and a small upload limit.</summary>
public sealed class ImportApiFactory : ApiFactory
{
    public const int MaxFileBytes = 64 * 1024;

    public string ImportKey { get; private set; } = string.Empty;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Api:RateLimit:PermitsPerSecond"] = "100000",
        ["Api:RateLimit:Burst"] = "100000",
        ["Jobs:RunServer"] = "true",
        ["Imports:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var key = ApiKeyHasher.NewKey();
        await WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = "夜间同步", Channel = "registry-sync", Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key),
                Permissions = ApiKeyPermissions.Import, CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        ImportKey = key;
        await CreateUserAsync("importadmin", Roles.Admin);
        await CreateUserAsync("importleader", Roles.Leader);
        await CreateUserAsync("importanalyst", Roles.Analyst);
        await CreateUserAsync("importofficer", Roles.DutyOfficer);
    }
}

public class ImportApiTests(ImportApiFactory factory) : IClassFixture<ImportApiFactory>
{
    private static readonly string BuildingsCsv =
        "楼栋编号,名称,网格编码,地址,层数,经度,纬度\r\n" +
        $"{ApiDistrict.Grid1Code}0101,101号楼,{ApiDistrict.Grid1Code},青年路101号,6,109.005,35.005\r\n" +
        $"{ApiDistrict.Grid1Code}0102,102号楼,{ApiDistrict.Grid1Code}9,青年路102号,6,109.005,35.005\r\n";

    private static MultipartFormDataContent Form(string kind, string fileName, byte[] content, string dryRun = "false")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new StringContent(dryRun), "dryRun" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    private static async Task<JsonNode> PollAsync(HttpClient client, long id)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var body = await ApiCalls.AssertStatusAsync(await client.GetAsync($"/api/v1/imports/{id}"), HttpStatusCode.OK);
            if (body["status"]!.GetValue<string>() is "succeeded" or "failed")
            {
                return body;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Import run {id} did not finish.");
    }

    [Fact]
    public async Task An_admin_uploads_gets_202_and_polls_until_succeeded_with_the_rejected_row()
    {
        var client = await factory.SignedInBrowserAsync("importadmin");
        var accepted = await ApiCalls.AssertStatusAsync(
            await client.PostAsync("/api/v1/imports", Form("buildings", "楼栋.csv", Encoding.UTF8.GetBytes(BuildingsCsv))), HttpStatusCode.Accepted);
        Assert.Equal("queued", accepted["status"]!.GetValue<string>());
        var id = accepted["id"]!.GetValue<long>();

        var run = await PollAsync(client, id);
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("buildings", run["kind"]!.GetValue<string>());
        Assert.False(run["dryRun"]!.GetValue<bool>());
        Assert.Equal(2, run["rows"]!["total"]!.GetValue<int>());
        Assert.Equal(1, run["rows"]!["inserted"]!.GetValue<int>());
        Assert.Equal(1, run["rows"]!["rejected"]!.GetValue<int>());
        var error = Assert.Single(run["errors"]!.AsArray());
        Assert.Equal(3, error!["row"]!.GetValue<int>());
        Assert.Equal("网格编码", error["column"]!.GetValue<string>());
        Assert.Equal("楼栋.csv", run["fileName"]!.GetValue<string>());
        Assert.NotNull(run["finishedAt"]);
        Assert.Equal(1, await factory.QueryAsync(db => db.Buildings.CountAsync(b => b.Code == ApiDistrict.Grid1Code + "0101")));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "import.upload" && a.EntityId == id.ToString())));

        var workbook = await client.GetAsync($"/api/v1/imports/{id}/errors.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await workbook.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3d, Convert.ToDouble(Assert.Single(rows)["行号"], System.Globalization.CultureInfo.InvariantCulture));

        var list = await ApiCalls.AssertStatusAsync(await client.GetAsync("/api/v1/imports"), HttpStatusCode.OK);
        Assert.Contains(list.AsArray(), r => r!["id"]!.GetValue<long>() == id);
    }

    [Fact]
    public async Task Imported_boundaries_are_used_at_once_for_placement_and_the_wall_map()
    {
        using var scope = factory.Services.CreateScope();
        var locator = scope.ServiceProvider.GetRequiredService<CommandCenter.Data.Hierarchy.GridLocator>();
        var map = scope.ServiceProvider.GetRequiredService<CommandCenter.Web.Components.Wall.WallMapGeometry>();
        Assert.Null(await locator.LocateAsync(35.015, 109.01));
        Assert.DoesNotContain(await map.NodesAsync(), n => n.Code == "610202001001003");

        const string geoJson = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"610202001001003","name":"第三网格","level":"grid"},
            "geometry":{"type":"Polygon","coordinates":[[[109.0,35.01],[109.02,35.01],[109.02,35.02],[109.0,35.02],[109.0,35.01]]]}}]}
            """;
        var client = await factory.SignedInBrowserAsync("importadmin");
        var accepted = await ApiCalls.AssertStatusAsync(
            await client.PostAsync("/api/v1/imports", Form("hierarchy", "grid3.geojson", Encoding.UTF8.GetBytes(geoJson))), HttpStatusCode.Accepted);
        var run = await PollAsync(client, accepted["id"]!.GetValue<long>());
        Assert.Equal(("succeeded", 1), (run["status"]!.GetValue<string>(), run["rows"]!["inserted"]!.GetValue<int>()));

        Assert.Equal("610202001001003", (await locator.LocateAsync(35.015, 109.01))?.Code);
        Assert.Contains(await map.NodesAsync(), n => n.Code == "610202001001003");
    }

    [Fact]
    public async Task A_key_with_the_import_permission_may_import_and_a_dry_run_writes_nothing()
    {
        var client = factory.ApiClient(factory.ImportKey);
        var csv = BuildingsCsv.Replace("0101", "0201", StringComparison.Ordinal);
        var accepted = await ApiCalls.AssertStatusAsync(
            await client.PostAsync("/api/v1/imports", Form("buildings", "b.csv", Encoding.UTF8.GetBytes(csv), dryRun: "true")), HttpStatusCode.Accepted);
        var run = await PollAsync(client, accepted["id"]!.GetValue<long>());
        Assert.Equal(("succeeded", 1), (run["status"]!.GetValue<string>(), run["rows"]!["inserted"]!.GetValue<int>()));
        Assert.True(run["dryRun"]!.GetValue<bool>());
        Assert.Equal(0, await factory.QueryAsync(db => db.Buildings.CountAsync(b => b.Code == ApiDistrict.Grid1Code + "0201")));
    }

    [Theory]
    [InlineData("importleader")]
    [InlineData("importanalyst")]
    [InlineData("importofficer")]
    public async Task Other_roles_get_403(string user)
    {
        var client = await factory.SignedInBrowserAsync(user);
        await ApiCalls.AssertProblemAsync(await client.PostAsync("/api/v1/imports", Form("buildings", "b.csv", Encoding.UTF8.GetBytes(BuildingsCsv))), HttpStatusCode.Forbidden);
        await ApiCalls.AssertProblemAsync(await client.GetAsync("/api/v1/imports"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_gets_401_and_a_key_without_the_permission_403()
    {
        await ApiCalls.AssertProblemAsync(await factory.ApiClient(null).PostAsync("/api/v1/imports", Form("buildings", "b.csv", Encoding.UTF8.GetBytes(BuildingsCsv))), HttpStatusCode.Unauthorized);
        await ApiCalls.AssertProblemAsync(await factory.ApiClient(factory.District.Key).GetAsync("/api/v1/imports"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Wrong_uploads_get_a_clear_4xx_and_nothing_is_queued()
    {
        var client = await factory.SignedInBrowserAsync("importadmin");
        var before = await factory.QueryAsync(db => db.ImportRuns.CountAsync());
        await ApiCalls.AssertProblemAsync(await client.PostAsync("/api/v1/imports",
            Form("buildings", "big.csv", new byte[ImportApiFactory.MaxFileBytes + 10])), HttpStatusCode.RequestEntityTooLarge);
        var notXlsx = await ApiCalls.AssertProblemAsync(await client.PostAsync("/api/v1/imports",
            Form("buildings", "b.xlsx", Encoding.UTF8.GetBytes(BuildingsCsv))), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("XLSX", notXlsx["detail"]!.GetValue<string>());
        await ApiCalls.AssertProblemAsync(await client.PostAsync("/api/v1/imports",
            Form("hierarchy", "d.geojson", Encoding.UTF8.GetBytes("not json"))), HttpStatusCode.UnsupportedMediaType);
        var headers = await ApiCalls.AssertProblemAsync(await client.PostAsync("/api/v1/imports",
            Form("residents", "r.csv", Encoding.UTF8.GetBytes("姓名,身份证号\r\n王,1\r\n"))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("手机号", headers["detail"]!.GetValue<string>());
        await ApiCalls.AssertProblemAsync(await client.PostAsync("/api/v1/imports",
            Form("people", "r.csv", Encoding.UTF8.GetBytes(BuildingsCsv))), HttpStatusCode.UnprocessableEntity);
        using var noFile = new MultipartFormDataContent { { new StringContent("buildings"), "kind" } };
        await ApiCalls.AssertProblemAsync(await client.PostAsync("/api/v1/imports", noFile), HttpStatusCode.UnprocessableEntity);
        await ApiCalls.AssertProblemAsync(await ApiCalls.PostAsync(client, "/api/v1/imports", "{}"), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await factory.QueryAsync(db => db.ImportRuns.CountAsync()));
    }

    [Fact]
    public async Task Templates_download_as_xlsx_and_csv_with_the_chinese_headers()
    {
        var client = await factory.SignedInBrowserAsync("importadmin");
        var csv = await client.GetAsync("/api/v1/imports/templates/residents.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("姓名,身份证号,手机号,网格编码,楼栋编号,房号,人口类型,重点人群,党员", Encoding.UTF8.GetString(bytes[3..]));

        var xlsx = await client.GetAsync("/api/v1/imports/templates/buildings.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(ImportTemplates.Buildings.Headers, Assert.Single(rows).Keys);
        await ApiCalls.AssertProblemAsync(await client.GetAsync("/api/v1/imports/templates/hierarchy.xlsx"), HttpStatusCode.NotFound);
    }
}
