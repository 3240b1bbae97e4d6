using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api;

/// <summary>
/// Thousands of generated malformed requests (fixed seed) against every POST and GET of /api/v1: none may be a 5xx,
/// every 4xx is problem+json, and incidents appear only for 2xx creates.
/// </summary>
/// <summary>The API district with the bad-key throttle out of the way: this test sends thousands of invalid keys on purpose.</summary>
public sealed class MalformedInputFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Security:MaxBadKeysPerMinute"] = "100000",
    };
}

public sealed class MalformedInputTests(MalformedInputFactory factory, ITestOutputHelper output) : IClassFixture<MalformedInputFactory>
{
    private const int Seed = 20261122;
    private const int RequestCount = 5_200;
    private const int Parallelism = 8;

    private sealed record FuzzRequest(int Index, HttpMethod Method, string Path, byte[]? Body, string? ContentType, string? IdempotencyKey, string? ApiKey, string Description);

    private sealed record Ids(long Incident, long Patrol, long Order, long Wish);

    [Fact]
    public async Task Malformed_requests_never_get_a_5xx_and_every_4xx_is_problem_json()
    {
        var ids = await ArrangeAsync();
        var generator = new Generator(new Random(Seed), factory.District, ids);
        var requests = Enumerable.Range(0, RequestCount).Select(generator.Next).ToList();
        var before = await factory.IncidentCountAsync();

        var clients = new ConcurrentBag<HttpClient>(Enumerable.Range(0, Parallelism).Select(_ => factory.CreateClient()));
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var creates = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (request, cancellationToken) =>
        {
            clients.TryTake(out var client);
            try
            {
                using var message = new HttpRequestMessage(request.Method, request.Path);
                if (request.Body is not null)
                {
                    message.Content = new ByteArrayContent(request.Body);
                    message.Content.Headers.Remove("Content-Type");
                    if (request.ContentType is not null)
                    {
                        message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
                    }
                }
                if (request.IdempotencyKey is not null)
                {
                    message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
                }
                if (request.ApiKey is not null)
                {
                    message.Headers.TryAddWithoutValidation("X-Api-Key", request.ApiKey);
                }
                using var response = await client!.SendAsync(message, cancellationToken);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (status >= 500)
                {
                    failures.Enqueue($"#{request.Index} {request.Description}: {status} {Shorten(text)}");
                }
                else if (status >= 400)
                {
                    if (response.Content.Headers.ContentType?.MediaType != ProblemJson)
                    {
                        failures.Enqueue($"#{request.Index} {request.Description}: {status} with {response.Content.Headers.ContentType?.MediaType ?? "no content type"}");
                    }
                    else if (!IsProblemOf(text, status))
                    {
                        failures.Enqueue($"#{request.Index} {request.Description}: {status} with a problem body that does not say so: {Shorten(text)}");
                    }
                }
                // A create is a 201; an SOS press added to its device's open alarm answers 200 and creates nothing.
                else if (status == 201 && request.Method == HttpMethod.Post
                    && request.Path is "/api/v1/incidents" or "/api/v1/sos" && !response.Headers.Contains("Idempotent-Replayed"))
                {
                    Interlocked.Increment(ref creates);
                }
            }
            finally
            {
                clients.Add(client!);
            }
        });
        clock.Stop();
        var after = await factory.IncidentCountAsync();

        output.WriteLine($"{requests.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s; statuses: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}; incidents created: {creates}");
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers:\n{string.Join("\n", failures.Take(25))}");
        Assert.Equal(before + creates, after);
        Assert.True(statuses.Keys.Count(s => s is >= 400 and < 500) >= 6, "The generator should reach most kinds of 4xx.");
        Assert.True(statuses.GetValueOrDefault(201) > 50, "Some generated requests should be valid.");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static bool IsProblemOf(string text, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status
                && document.RootElement.TryGetProperty("title", out _)
                && !text.Contains("   at ", StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private async Task<Ids> ArrangeAsync()
    {
        var d = factory.District;
        var client = factory.ApiClient(d.Key);
        var incident = (await CreateIncidentAsync(client))["id"]!.GetValue<long>();
        var patrol = (await AssertStatusAsync(await PostAsync(client, "/api/v1/patrols", new { gridWorkerId = d.GridWorkerId }), HttpStatusCode.Created))["id"]!.GetValue<long>();
        var order = (await AssertStatusAsync(await PostAsync(client, "/api/v1/service-orders", new { residentId = d.ElderId, title = "代购" }), HttpStatusCode.Created))["id"]!.GetValue<long>();
        var wish = (await AssertStatusAsync(await PostAsync(client, "/api/v1/micro-wishes", new { residentId = d.ElderId, wish = "收音机" }), HttpStatusCode.Created))["id"]!.GetValue<long>();
        return new Ids(incident, patrol, order, wish);
    }

    /// <summary>Builds requests: a valid body per endpoint, then one or more mutations of values, structure, headers or query.</summary>
    private sealed class Generator(Random random, ApiDistrict district, Ids ids)
    {
        private static readonly string Huge = new('字', 100_000);

        private static readonly string[] Values =
        [
            // numbers, in and out of range
            "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "99999999999999999999999999", "1e308", "-1e308", "1e309", "-1e309", "1.5", "-0",
            "91", "-91", "181", "-181", "90.0000001", "4.9e-324", "1E+2", "0x10", "01", "NaN", "Infinity", "-Infinity", "+1", ".5",
            // strings for numbers and enums
            "\"\"", "\" \"", "\"１２３\"", "\"NaN\"", "\"Infinity\"", "\"12\"", "\"1e308\"", "\"abc\"", "\"3\"", "\"urgent\"", "\"URGENT\"", "\" low\"",
            "\"gridWorker, hotline12345\"", "\"grid,street\"", "\"file\"", "\"rate\"", "\"breach\"", "\"supervise\"", "\"report\"",
            // hostile text
            "\"'; DROP TABLE Incidents; --\"", "\"<script>alert(1)</script>\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u0001\\u001f\\u007f\"", "\"\\ud800\"", "\"\\udc00x\"",
            "\"😀🚒\"", "\"\\u202eevil\"", "\"\\r\\n\\t\"", "\"%00\"", "\"${jndi:ldap://x}\"", "\"../../etc/passwd\"",
            // personal data formats
            "\"61020219800101123X\"", "\"610202198001011235\"", "\"６１０２０２１９８００１０１１２３４\"", "\"1380013800\"", "\"138-0013-8000\"",
            "\"+86 138 0013 8000\"", "\"１３８００１３８０００\"", "\"13800138000\"", "\"+8613800138000\"", "\"--\"", "\"+\"",
            // times
            "\"2026-11-22T08:00:00+08:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"0001-01-01T00:00:00+14:00\"", "\"2026-02-30T00:00:00Z\"", "\"２０２６-１１-２２\"",
            "\"yesterday\"", "\"2026-11-22\"", "\"2020-01-01T00:00:00Z\"", "\"2099-01-01T00:00:00Z\"",
            // codes
            "\"610202001001001\"", "\"610202002001001\"", "\"６１０２０２００１００１００１\"", "\"61020200100100\"", "\"6102020010010011\"", "\"E0101\"", "\"G0501\"",
            "\"E010１\"", "\"ZZZZZZZZZ\"", "\"WB-000001\"", "\"WB 000001\"", "\"ＷＢ-000001\"",
            // other kinds
            "true", "false", "null", "[]", "[1,2]", "{}", "{\"a\":1}", "[\"file\"]", "{\"$ref\":\"#\"}",
        ];

        private static readonly string[] ContentTypes =
        [
            "text/plain", "application/xml", "", "application/json; charset=utf-16", "application/problem+json", "multipart/form-data; boundary=x",
            "application/json;;;", "application/vnd.api+json", "*/*", "application/x-www-form-urlencoded", "application/json; charset=latin1", "json",
        ];

        private static readonly string[] QueryNames = ["stage", "status", "category", "source", "priority", "node", "from", "to", "page", "pageSize", "x", "", "stage[]", "%00"];

        private static readonly string[] QueryValues =
        [
            "filed", "reported", "open", "closed", "E0101", "hotline12345", "urgent", "610202001", "610202002", "610202", "1", "0", "-1", "201", "200",
            "99999999999", "1e3", "%00", "%FF", "%E0%A4", "%ZZ", "%", "１２３", "６１０２０２", "%27%3B%20DROP%20TABLE%20Incidents%3B%20--", "%3Cscript%3E",
            "2026-11-22T00:00:00Z", "2026-11-22T00:00:00%2B08:00", "9999-12-31", "0001-01-01", "yesterday", "+", "", "a,b", "open%00", "true", "null",
        ];

        public FuzzRequest Next(int index)
        {
            var endpoint = random.Next(14);
            return endpoint switch
            {
                0 or 1 or 2 => Post(index, "/api/v1/incidents", IncidentBody(), idempotency: true),
                3 => Post(index, $"/api/v1/incidents/{Id(ids.Incident)}/transitions", Fields(
                    ("action", Pick("\"file\"", "\"dispatch\"", "\"accept\"", "\"reject\"", "\"extend\"", "\"rate\"")), ("version", random.Next(0, 5).ToString(CultureInfo.InvariantCulture)),
                    ("note", "\"测试\""), ("tier", "\"grid\""), ("rating", "3"), ("duplicateOfId", "1"), ("newResolveDueAt", "\"2099-01-01T00:00:00Z\""))),
                4 or 5 => ListQuery(index),
                6 => Get(index, $"/api/v1/incidents/{Id(ids.Incident)}"),
                7 => Post(index, "/api/v1/sos", Fields(("deviceId", random.Next(3) == 0 ? "\"WB-FUZZ\"" : $"\"{district.WristbandSerial}\""),
                    ("latitude", "35.005"), ("longitude", "109.015"), ("time", "\"2026-11-22T08:00:00+08:00\"")), idempotency: random.Next(2) == 0),
                8 => random.Next(3) switch
                {
                    0 => Post(index, "/api/v1/patrols", Fields(("gridWorkerId", district.GridWorkerId.ToString(CultureInfo.InvariantCulture)))),
                    1 => Post(index, $"/api/v1/patrols/{Id(ids.Patrol)}/check-ins", Fields(("latitude", "35.005"), ("longitude", "109.005"),
                        ("note", "\"巡查\""), ("photoRef", "\"p/1.jpg\""), ("at", "\"2026-11-22T08:00:00+08:00\"")), idempotency: random.Next(2) == 0),
                    _ => Post(index, $"/api/v1/patrols/{Id(ids.Patrol)}/end", Fields()),
                },
                9 => Post(index, "/api/v1/service-orders", Fields(("residentId", district.ElderId.ToString(CultureInfo.InvariantCulture)), ("title", "\"代购\""), ("description", "\"药品\""))),
                10 => Post(index, $"/api/v1/service-orders/{Id(ids.Order)}/{Pick("dispatch", "accept", "fulfil", "cancel")}", Fields(
                    ("version", random.Next(0, 5).ToString(CultureInfo.InvariantCulture)), ("organizationId", district.OrganizationId.ToString(CultureInfo.InvariantCulture)),
                    ("volunteerResidentId", district.PartyMemberId.ToString(CultureInfo.InvariantCulture)))),
                11 => Post(index, $"/api/v1/service-orders/{Id(ids.Order)}/rating", Fields(("level", random.Next(0, 7).ToString(CultureInfo.InvariantCulture)), ("comment", "\"好\""))),
                12 => Post(index, "/api/v1/micro-wishes", Fields(("residentId", district.ElderId.ToString(CultureInfo.InvariantCulture)), ("wish", "\"轮椅\""))),
                _ => Post(index, $"/api/v1/micro-wishes/{Id(ids.Wish)}/{Pick("claim", "fulfil", "withdraw")}", Fields(
                    ("version", random.Next(0, 4).ToString(CultureInfo.InvariantCulture)), ("residentId", district.PartyMemberId.ToString(CultureInfo.InvariantCulture)))),
            };
        }

        private List<(string Name, string Value)> IncidentBody()
        {
            var placeByPosition = random.Next(3) == 0;
            var fields = Fields(("title", "\"井盖缺失\""), ("description", "\"青年路\""), ("categoryCode", "\"E0101\""), ("priority", "\"high\""),
                ("reporterName", "\"王五\""), ("reporterPhone", "\"13800138000\""), ("address", "\"青年路1号\""));
            if (placeByPosition)
            {
                fields.Add(("latitude", "35.005"));
                fields.Add(("longitude", random.Next(2) == 0 ? "109.005" : "109.025"));
            }
            else
            {
                fields.Add(("gridCode", random.Next(2) == 0 ? $"\"{ApiDistrict.Grid1Code}\"" : $"\"{ApiDistrict.Grid3Code}\""));
            }
            return fields;
        }

        private static List<(string Name, string Value)> Fields(params (string Name, string Value)[] fields) => [.. fields];

        private string Pick(params string[] options) => options[random.Next(options.Length)];

        private string Id(long existing) => random.Next(10) switch
        {
            < 7 => existing.ToString(CultureInfo.InvariantCulture),
            7 => Pick("0", "-1", "99999999", "9223372036854775807"),
            8 => Pick("9223372036854775808", "abc", "1.5", "１", "%20", "1e3"), // a NUL in the path never reaches the app (the server refuses it)
            _ => random.Next(1, 50).ToString(CultureInfo.InvariantCulture),
        };

        private string? ApiKey() => random.Next(50) switch
        {
            < 44 => district.Key,
            < 47 => district.ScopedKey,
            47 => "cc_garbage_" + random.Next(),
            48 => district.RevokedKey,
            _ => null,
        };

        private string? IdempotencyKey(bool expected)
        {
            var roll = random.Next(100);
            return roll switch
            {
                < 75 => expected || roll < 40 ? $"fuzz-{Guid.NewGuid():N}" : null,
                < 83 => $"fuzz-dup-{random.Next(12)}",
                < 88 => null,
                88 => "",
                89 => " ",
                90 => new string('k', 129),
                91 => "key with space",
                92 => "ключ-全角",
                93 => "a\u0001b",
                94 => "\t",
                95 => new string('k', 128),
                _ => $"fuzz-{random.Next(1000)}",
            };
        }

        private FuzzRequest Get(int index, string path) => new(index, HttpMethod.Get, path, null, null, null, ApiKey(), $"GET {path}");

        private FuzzRequest ListQuery(int index)
        {
            var parts = new List<string>();
            for (var i = random.Next(0, 6); i > 0; i--)
            {
                var name = QueryNames[random.Next(QueryNames.Length)];
                var value = random.Next(40) == 0 ? new string('a', 100_000) : QueryValues[random.Next(QueryValues.Length)];
                parts.Add(random.Next(15) == 0 ? name : $"{name}={value}");
            }
            var query = parts.Count == 0 ? "" : "?" + string.Join(random.Next(20) == 0 ? "&&" : "&", parts);
            var request = Get(index, "/api/v1/incidents" + query);
            return request with { Description = $"GET /api/v1/incidents{(query.Length > 200 ? query[..200] + "…" : query)}" };
        }

        private FuzzRequest Post(int index, string path, List<(string Name, string Value)> fields, bool idempotency = false)
        {
            var mutations = new List<string>();
            var valid = random.Next(8) == 0;
            if (!valid)
            {
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    mutations.Add(MutateFields(fields));
                }
            }
            var json = "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Value}")) + "}";
            var body = Encoding.UTF8.GetBytes(json);
            if (!valid && random.Next(3) == 0)
            {
                (body, var what) = MutateText(json);
                mutations.Add(what);
            }
            var contentType = "application/json";
            if (!valid && random.Next(10) == 0)
            {
                contentType = ContentTypes[random.Next(ContentTypes.Length)];
                mutations.Add($"content type '{contentType}'");
            }
            else if (random.Next(10) == 0)
            {
                contentType = Pick("application/json; charset=utf-8", "application/json; charset=\"UTF-8\"", "Application/JSON");
            }
            var key = IdempotencyKey(idempotency);
            var description = $"POST {path} [{string.Join("; ", mutations)}] key={(key is null ? "none" : key.Length > 20 ? key[..20] + "…" : key)}";
            return new FuzzRequest(index, HttpMethod.Post, path, body, random.Next(100) == 0 ? null : contentType, key, ApiKey(), description);
        }

        private string MutateFields(List<(string Name, string Value)> fields)
        {
            switch (random.Next(10))
            {
                case < 6 when fields.Count > 0:
                {
                    var i = random.Next(fields.Count);
                    var value = random.Next(30) switch
                    {
                        0 => $"\"{Huge}\"",
                        1 => new string('[', 40) + new string(']', 40),
                        2 => new string('[', 2000) + new string(']', 2000),
                        3 => string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20),
                        4 => "\"" + new string('x', 4001) + "\"",
                        5 => "\"" + new string('字', 129) + "\"",
                        _ => Values[random.Next(Values.Length)],
                    };
                    fields[i] = (fields[i].Name, value);
                    return $"{fields[i].Name}={(value.Length > 40 ? value[..40] + "…" : value)}";
                }
                case 6 when fields.Count > 0:
                {
                    var i = random.Next(fields.Count);
                    var name = fields[i].Name;
                    fields.RemoveAt(i);
                    return $"-{name}";
                }
                case 7:
                {
                    var name = Pick("gridId", "placeId", "reporterGridWorkerId", "categoryId", "handlingUnitId", "duplicateOfId", "reached", "source", "extra", "__proto__", "Title", "TITLE");
                    var value = Values[random.Next(Values.Length)];
                    fields.Add((name, value));
                    return $"+{name}={value}";
                }
                case 8 when fields.Count > 0:
                {
                    var i = random.Next(fields.Count);
                    fields.Add((fields[i].Name, Values[random.Next(Values.Length)]));
                    return $"duplicate {fields[i].Name}";
                }
                default:
                    fields.Clear();
                    return "empty object";
            }
        }

        private (byte[] Body, string What) MutateText(string json)
        {
            var utf8 = Encoding.UTF8.GetBytes(json);
            switch (random.Next(16))
            {
                case 0:
                    var cut = random.Next(0, json.Length);
                    return (Encoding.UTF8.GetBytes(json[..cut]), $"truncated at {cut}");
                case 1:
                    return (Encoding.UTF8.GetBytes(json.Replace(",", ",,", StringComparison.Ordinal)), "double commas");
                case 2:
                    return (Encoding.UTF8.GetBytes(json.TrimEnd('}')), "unbalanced braces");
                case 3:
                    return (Encoding.UTF8.GetBytes(json + "}}"), "extra braces");
                case 4:
                    return ([0xEF, 0xBB, 0xBF, .. utf8], "BOM");
                case 5:
                    var at = random.Next(utf8.Length);
                    return ([.. utf8[..at], 0x00, .. utf8[at..]], "raw NUL byte");
                case 6:
                    return ([.. utf8[..(utf8.Length / 2)], 0xFF, 0xFE, 0xC0, 0x80, .. utf8[(utf8.Length / 2)..]], "invalid UTF-8");
                case 7:
                    return (Encoding.Unicode.GetBytes(json), "UTF-16 body");
                case 8:
                    return (Encoding.UTF8.GetBytes(json.Replace('"', '\'')), "single quotes");
                case 9:
                    return (Encoding.UTF8.GetBytes(json[..^1] + ",}"), "trailing comma");
                case 10:
                    return (Encoding.UTF8.GetBytes("/* c */" + json), "comment");
                case 11:
                    return (Encoding.UTF8.GetBytes(Pick("", " ", "null", "[]", "\"text\"", "123", "true", "[{}]", "{", "}", "{\"a\"}", "\u0000")), "not an object");
                case 12:
                    return (Encoding.UTF8.GetBytes(json + json), "two objects");
                case 13:
                    return (Encoding.UTF8.GetBytes(json.Replace(":", "=", StringComparison.Ordinal)), "equals for colons");
                case 14:
                    return (Encoding.UTF8.GetBytes("[" + json + "]"), "array for object");
                default:
                    return (Encoding.UTF8.GetBytes(new string('[', 5000) + json + new string(']', 5000)), "deep nesting");
            }
        }
    }
}
