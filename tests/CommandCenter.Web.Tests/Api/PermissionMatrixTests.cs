using System.Net;
using CommandCenter.Data.Identity;
using static CommandCenter.Data.Identity.ApiKeyPermissions;

namespace CommandCenter.Web.Tests.Api;

/// <summary>
/// The permissions matrix over /api/v1: for each API key permission set and each role, every endpoint answers 403 or
/// lets the caller through (and the plain reads answer 2xx). The expectations are written out here, not read from
/// ApiPolicies, so a policy that drifts fails this test.
/// </summary>
public sealed class PermissionMatrixTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Admin = Roles.Admin, Leader = Roles.Leader, Duty = Roles.DutyOfficer, Analyst = Roles.Analyst;

    /// <summary>
    /// An endpoint, the key permission it needs (None: no key may) and the roles it admits; Ok2xx: a plain read.
    /// SessionOnly: a key holding the permission passes the policy, then the handler refuses it (403) for want of an officer.
    /// </summary>
    private sealed record Endpoint(string Method, string Path, ApiKeyPermissions Permission, string[] Roles, bool Ok2xx = false, bool SessionOnly = false)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private static readonly string[] Officers = [Duty, Admin];
    private static readonly string[] Readers = [Admin, Leader, Duty, Analyst];

    private static readonly Endpoint[] Endpoints =
    [
        new("POST", "/api/v1/incidents", Report, Officers),
        new("GET", "/api/v1/incidents", Read, Readers, Ok2xx: true),
        new("GET", "/api/v1/incidents/1", Read, Readers),
        new("POST", "/api/v1/incidents/1/transitions", Handle, Officers),
        new("GET", "/api/v1/registry/summary", Read, [Admin, Leader, Analyst]),
        new("POST", "/api/v1/sos", ApiKeyPermissions.Sos, Officers),
        new("POST", "/api/v1/sos/1/acknowledge", Handle, Officers, SessionOnly: true),
        new("POST", "/api/v1/patrols", Patrol, Officers),
        new("POST", "/api/v1/patrols/1/check-ins", Patrol, Officers),
        new("POST", "/api/v1/patrols/1/end", Patrol, Officers),
        new("POST", "/api/v1/service-orders", ApiKeyPermissions.ServiceOrders, Officers),
        new("POST", "/api/v1/service-orders/1/dispatch", ApiKeyPermissions.ServiceOrders, Officers),
        new("POST", "/api/v1/micro-wishes", ApiKeyPermissions.ServiceOrders, Officers),
        new("POST", "/api/v1/micro-wishes/1/claim", ApiKeyPermissions.ServiceOrders, Officers),
        new("GET", "/api/v1/imports", Import, [Admin], Ok2xx: true),
        new("GET", "/api/v1/imports/1", Import, [Admin]),
        // The security administrator lists accounts to give their roles (what each may change is in SeparationOfDutiesTests).
        new("GET", "/api/v1/admin/users", None, [Admin, Roles.SecurityAdmin], Ok2xx: true),
        // Duties not separated in this host: the system administrator is also the audit administrator.
        new("GET", "/api/v1/admin/audit", None, [Admin, Roles.AuditAdmin], Ok2xx: true),
        new("GET", "/api/v1/admin/api-keys", None, [Admin], Ok2xx: true),
        new("GET", "/api/v1/admin/categories", None, [Admin], Ok2xx: true),
        new("POST", "/api/v1/wall/display-links", None, [Admin]),
    ];

    public static TheoryData<string> KeyPermissionSets => new(
        [.. ApiKeyPermissionNames.All.Select(p => p.Name), "demo", "none", "all"]);

    public static TheoryData<string> AllRoles => new(Roles.All);

    private static ApiKeyPermissions PermissionsOf(string set) => set switch
    {
        "demo" => ApiKeyPermissionNames.Demo,
        "none" => None,
        "all" => ApiKeyPermissionNames.All.Aggregate(None, (a, p) => a | p.Permission),
        _ => ApiKeyPermissionNames.All.Single(p => p.Name == set).Permission,
    };

    [Theory]
    [MemberData(nameof(KeyPermissionSets))]
    public async Task Each_key_permission_set(string set)
    {
        var permissions = PermissionsOf(set);
        var key = ApiKeyHasher.NewKey();
        await factory.QueryAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = $"matrix-{set}", Channel = "matrix", Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key),
                Permissions = permissions, CreatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        await AssertMatrixAsync(factory.ApiClient(key), e => e.Permission != None && permissions.HasFlag(e.Permission) && !e.SessionOnly);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Each_role(string role)
    {
        var name = $"matrix-{role}-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(name, role);

        await AssertMatrixAsync(await factory.SignedInBrowserAsync(name), e => e.Roles.Contains(role));
    }

    [Fact]
    public void The_demo_key_may_report_but_never_handle()
    {
        Assert.True(ApiKeyPermissionNames.Demo.HasFlag(Report));
        Assert.False(ApiKeyPermissionNames.Demo.HasFlag(Handle));
    }

    private static async Task AssertMatrixAsync(HttpClient client, Func<Endpoint, bool> allowed)
    {
        var failures = new List<string>();
        foreach (var endpoint in Endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
            if (endpoint.Method == "POST")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
            }
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var expected = allowed(endpoint);
            var ok = expected
                ? status is not (401 or 403) and < 500 && (!endpoint.Ok2xx || status is >= 200 and < 300)
                : response.StatusCode == HttpStatusCode.Forbidden;
            if (!ok)
            {
                failures.Add($"{endpoint}: expected {(expected ? endpoint.Ok2xx ? "2xx" : "past authorization" : "403")}, got {status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
