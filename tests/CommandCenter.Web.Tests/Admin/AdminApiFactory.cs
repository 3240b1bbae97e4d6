using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>
/// <see cref="ApiFactory"/> with an administrator ("root") signed in and the shortest re-validation interval (10 s),
/// so a disabled user's cookie is refused within the test.
/// </summary>
public class AdminApiFactory : ApiFactory
{
    public const string RootAdmin = "root";

    private HttpClient? _admin;

    /// <summary>A browser signed in as <see cref="RootAdmin"/>.</summary>
    public HttpClient Admin => _admin ?? throw new InvalidOperationException("Not initialised.");

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Security:RevalidationInterval"] = "00:00:10",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateUserAsync(RootAdmin, Roles.Admin);
        _admin = await SignedInBrowserAsync(RootAdmin);
    }

    /// <summary>The audit details of an entity, oldest first.</summary>
    public Task<List<string>> AuditAsync(string action, string entityId) => QueryAsync(db => db.AuditEntries
        .Where(e => e.Action == action && e.EntityId == entityId).OrderBy(e => e.Id).Select(e => e.Detail ?? string.Empty).ToListAsync());

    public Task<string> UserIdAsync(string userName) => QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}

/// <summary>Calls of the admin API.</summary>
public static class AdminCalls
{
    public static Task<HttpResponseMessage> CreateUserAsync(HttpClient client, string userName, string[] roles, string? password = CommandCenter.Web.Tests.TestHost.CommandCenterFactory.Password,
        string? scopeCode = null) =>
        ApiCalls.PostAsync(client, "/api/v1/admin/users", new { userName, displayName = $"用户{userName}", password, roles, scopeCode });

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, string userName, string action) =>
        ApiCalls.PostAsync(client, $"/api/v1/admin/users/{userName}/{action}", "");

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string userName, object body) =>
        client.PutAsync($"/api/v1/admin/users/{userName}", JsonContent.Create(body));

    public static async Task<JsonNode> CreatedUserAsync(HttpClient client, string userName, params string[] roles) =>
        await ApiCalls.AssertStatusAsync(await CreateUserAsync(client, userName, roles), HttpStatusCode.Created);

    public static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
