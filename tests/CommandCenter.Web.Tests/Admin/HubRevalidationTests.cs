using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Live;
using CommandCenter.Data.Live;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>An open hub connection ends within the re-validation interval (10 s here) once its user is disabled or its key revoked.</summary>
public sealed class HubRevalidationTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private HubConnection Connect(Action<HttpConnectionOptions> configure) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, LiveHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            configure(o);
        })
        .Build();

    private static async Task AssertClosesAsync(HubConnection connection)
    {
        var closed = new TaskCompletionSource();
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        if (connection.State != HubConnectionState.Disconnected)
        {
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task A_disabled_users_hub_connection_ends()
    {
        var name = $"hub-{Guid.NewGuid().ToString("N")[..6]}";
        await AdminCalls.CreatedUserAsync(factory.Admin, name, Roles.Leader);
        var login = await CommandCenterFactory.PostLoginAsync(factory.CreateBrowser(), name, CommandCenterFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        await using var connection = Connect(o => o.Headers["Cookie"] = cookie);
        await connection.StartAsync();
        await connection.InvokeAsync<LiveNodeSnapshot>("Join", ApiDistrict.DistrictCode);

        await ApiCalls.AssertStatusAsync(await AdminCalls.ActAsync(factory.Admin, name, "disable"), HttpStatusCode.OK);

        await AssertClosesAsync(connection);
    }

    [Fact]
    public async Task A_revoked_keys_hub_connection_ends()
    {
        var created = await ApiCalls.AssertStatusAsync(await ApiCalls.PostAsync(factory.Admin, "/api/v1/admin/api-keys",
            new { channel = "hub-test", permissions = new[] { nameof(ApiKeyPermissions.Read).ToLowerInvariant() } }), HttpStatusCode.Created);
        await using var connection = Connect(o => o.Headers["X-Api-Key"] = created["key"]!.GetValue<string>());
        await connection.StartAsync();
        await connection.InvokeAsync<LiveNodeSnapshot>("Join", ApiDistrict.DistrictCode);

        Assert.Equal(HttpStatusCode.NoContent, (await factory.Admin.DeleteAsync($"/api/v1/admin/api-keys/{created["id"]}")).StatusCode);

        await AssertClosesAsync(connection);
    }
}
