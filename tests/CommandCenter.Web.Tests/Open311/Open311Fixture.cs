using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Open311;

[CollectionDefinition(Name)]
public sealed class Open311Collection : ICollectionFixture<Open311Fixture>
{
    public const string Name = "Open311";
}

/// <summary>
/// One app with the test district, three categories (one inactive), API keys (whole district, another street, revoked)
/// and a fixed set of incidents in June 2026, away from the reports the tests post (which are dated now).
/// </summary>
public sealed class Open311Fixture : IAsyncLifetime
{
    public static readonly DateTime June = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    public const string JuneStart = "2026-06-01T00:00:00Z";
    public const string JuneEnd = "2026-06-20T00:00:00Z";

    public CommandCenterFactory Factory { get; } = new();
    public string Key { get; } = ApiKeyHasher.NewKey();
    public string OtherStreetKey { get; } = ApiKeyHasher.NewKey();
    public string RevokedKey { get; } = ApiKeyHasher.NewKey();

    public long OpenReported { get; private set; }
    public long ClosedWithHistory { get; private set; }
    public long Rejected { get; private set; }
    public long Handling { get; private set; }
    public long Sos { get; private set; }
    public long WithOddText { get; private set; }
    public string ClosedNumber { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _ = Factory.Server; // start the host: migrations and roles
        await Factory.WithDbAsync(async db =>
        {
            // A small, known service list instead of the seeded catalogue.
            await db.IncidentCategories.ExecuteDeleteAsync();
            await TestDistrict.AddAsync(db, DateTime.UtcNow);
            db.IncidentCategories.AddRange(
                new IncidentCategory { Code = "C0101", Kind = CategoryKind.Component, MajorCode = "01", MajorName = "公用设施", MinorCode = "01", MinorName = "井盖", SortOrder = 1 },
                new IncidentCategory { Code = "G0901", Kind = CategoryKind.Governance, MajorCode = "09", MajorName = "矛盾纠纷", MinorCode = "01", MinorName = "已停用小类", IsActive = false });
            db.HandlingUnits.Add(new HandlingUnit { Name = "城管执法中队", Tier = HandlingTier.Street, AreaCode = "610202001" });
            AddKey(db, Key, "open311-test", null, revoked: false);
            AddKey(db, OtherStreetKey, "open311-other-street", "610202002", revoked: false);
            AddKey(db, RevokedKey, "open311-revoked", null, revoked: true);
            await db.SaveChangesAsync();

            var grid = await db.Grids.OrderBy(g => g.Id).FirstAsync();
            var e0101 = await db.IncidentCategories.SingleAsync(c => c.Code == "E0101");
            var c0101 = await db.IncidentCategories.SingleAsync(c => c.Code == "C0101");
            var unit = await db.HandlingUnits.SingleAsync();
            Incident Make(int n, IncidentStage stage, IncidentCategory category, SourceChannel source = SourceChannel.Hotline12345, string description = "路边垃圾堆积")
            {
                var at = June.AddDays(n);
                var incident = new Incident
                {
                    Number = $"O311{n:000000}", Title = "测试", Description = description, Source = source, CategoryId = category.Id,
                    GridId = grid.Id, CommunityId = grid.CommunityId, StreetId = grid.StreetId, Stage = stage,
                    Address = "测试路1号", Latitude = 35.02, Longitude = 109.08,
                    ReportedAt = at, UpdatedAt = at.AddHours(2), RespondDueAt = at.AddMinutes(15), ReplyDueAt = at.AddMinutes(30), ResolveDueAt = at.AddHours(24),
                    History = [new IncidentHistory { Version = 1, Action = IncidentAction.Report, ToStage = IncidentStage.Reported, ActorName = "12345", At = at }],
                };
                db.Incidents.Add(incident);
                return incident;
            }
            var a = Make(0, IncidentStage.Reported, e0101);
            var b = Make(1, IncidentStage.Closed, c0101, description: "井盖缺失");
            (IncidentAction Action, IncidentStage To, string? Note)[] steps =
            [
                (IncidentAction.File, IncidentStage.Filed, null),
                (IncidentAction.Dispatch, IncidentStage.Dispatched, null),
                (IncidentAction.Supervise, IncidentStage.Dispatched, "内部督办"),
                (IncidentAction.Accept, IncidentStage.Handling, null),
                (IncidentAction.Feedback, IncidentStage.Feedback, "已更换井盖"),
                (IncidentAction.Close, IncidentStage.Closed, "核查属实，结案"),
            ];
            for (var i = 0; i < steps.Length; i++)
            {
                b.History.Add(new IncidentHistory
                {
                    Version = i + 2, Action = steps[i].Action, ToStage = steps[i].To, Note = steps[i].Note, ActorName = "值班员", At = b.ReportedAt.AddHours(i + 1),
                });
            }
            b.HandlingUnit = unit;
            var c = Make(2, IncidentStage.Rejected, e0101);
            c.History.Add(new IncidentHistory { Version = 2, Action = IncidentAction.Reject, ToStage = IncidentStage.Rejected, Note = "重复上报", ActorName = "值班员", At = c.ReportedAt.AddHours(1) });
            var d = Make(3, IncidentStage.Handling, e0101);
            d.HandlingUnit = unit;
            var sos = Make(4, IncidentStage.Reported, e0101, SourceChannel.Sos);
            var odd = Make(30, IncidentStage.Reported, e0101, description: "特殊字符 <&>\"' \u0001 结束");
            await db.SaveChangesAsync();
            (OpenReported, ClosedWithHistory, Rejected, Handling, Sos, WithOddText, ClosedNumber) = (a.Id, b.Id, c.Id, d.Id, sos.Id, odd.Id, b.Number);
        });
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    private static void AddKey(Data.CommandCenterDbContext db, string key, string name, string? scope, bool revoked) =>
        db.ApiKeys.Add(new ApiKey
        {
            Name = name, Channel = "open311", Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key), ScopeCode = scope,
            Permissions = ApiKeyPermissionNames.Legacy, CreatedAt = DateTime.UtcNow, RevokedAt = revoked ? DateTime.UtcNow : null,
        });

    public HttpClient Client() => Factory.CreateBrowser();

    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? key = null)
    {
        var separator = pathAndQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var url = "/open311/v2/" + pathAndQuery + (key is null ? "" : $"{separator}api_key={Uri.EscapeDataString(key)}");
        return await Client().GetAsync(url);
    }

    public Task<HttpResponseMessage> GetWithKeyAsync(string pathAndQuery) => GetAsync(pathAndQuery, Key);

    public async Task<HttpResponseMessage> PostFormAsync(string format, IEnumerable<KeyValuePair<string, string>> fields, string? contentType = null, string? idempotencyKey = null)
    {
        var content = new FormUrlEncodedContent(fields);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/open311/v2/requests.{format}") { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await Client().SendAsync(request);
    }

    public static async Task<XDocument> XmlAsync(HttpResponseMessage response)
    {
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "XML must not start with a BOM.");
        using var stream = new MemoryStream(bytes);
        return XDocument.Load(stream);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the spec's error list in either format and returns its descriptions.</summary>
    public static async Task<List<string>> ErrorsAsync(HttpResponseMessage response, int status, string format)
    {
        Assert.Equal(status, (int)response.StatusCode);
        if (format == "json")
        {
            var json = await JsonAsync(response);
            Assert.Equal(JsonValueKind.Array, json.ValueKind);
            Assert.NotEqual(0, json.GetArrayLength());
            Assert.All(json.EnumerateArray(), e => Assert.Equal(status, e.GetProperty("code").GetInt32()));
            return [.. json.EnumerateArray().Select(e => e.GetProperty("description").GetString()!)];
        }
        var xml = await XmlAsync(response);
        Assert.Equal("errors", xml.Root!.Name.LocalName);
        var errors = xml.Root.Elements("error").ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Element("code")!.Value));
        return [.. errors.Select(e => e.Element("description")!.Value)];
    }

    /// <summary>Fields of a good report; callers override or remove some.</summary>
    public Dictionary<string, string> Report(params (string Key, string? Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["api_key"] = Key,
            ["service_code"] = "E0101",
            ["lat"] = "35.02",
            ["long"] = "109.08",
            ["description"] = "小区门口垃圾堆积\n已有三天",
            ["first_name"] = "三",
            ["last_name"] = "张",
            ["phone"] = "13812345678",
            ["email"] = "zhang@example.com",
            ["account_id"] = "acct-7",
            ["device_id"] = "device-1",
            ["attribute[WHISPER]"] = "ignored",
        };
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                fields.Remove(key);
            }
            else
            {
                fields[key] = value;
            }
        }
        return fields;
    }
}
