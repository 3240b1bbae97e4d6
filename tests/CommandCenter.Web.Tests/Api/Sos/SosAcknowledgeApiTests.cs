using System.Net;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.Sos;

/// <summary>POST /api/v1/sos/{id}/acknowledge: signed-in duty officers and admins in scope; problem+json otherwise.</summary>
public sealed class SosAcknowledgeApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<long> RaiseAsync()
    {
        var body = await AssertStatusAsync(await PostAsync(factory.ApiClient(factory.District.SosKey), "/api/v1/sos", new { deviceId = await factory.NewWristbandAsync() }),
            HttpStatusCode.Created);
        return body["id"]!.GetValue<long>();
    }

    [Fact]
    public async Task A_duty_officer_acknowledges_and_a_second_attempt_is_told_who_was_first()
    {
        var alertId = await RaiseAsync();
        await factory.CreateUserAsync("ackduty1", Roles.DutyOfficer);
        await factory.CreateUserAsync("ackduty2", Roles.DutyOfficer);
        using var first = await factory.SignedInBrowserAsync("ackduty1");
        using var second = await factory.SignedInBrowserAsync("ackduty2");

        var ok = await AssertStatusAsync(await PostAsync(first, $"/api/v1/sos/{alertId}/acknowledge", new { }), HttpStatusCode.OK);
        var conflict = await AssertProblemAsync(await PostAsync(second, $"/api/v1/sos/{alertId}/acknowledge", new { }), HttpStatusCode.Conflict);

        Assert.Equal("测试ackduty1", ok["acknowledgedBy"]!.GetValue<string>());
        Assert.Contains("测试ackduty1", conflict["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("测试ackduty1", conflict["current"]!["acknowledgedBy"]!.GetValue<string>());
        var alert = await factory.QueryAsync(db => db.SosAlerts.AsNoTracking().SingleAsync(a => a.Id == alertId));
        Assert.Equal(SosStatus.Acknowledged, alert.Status);
    }

    [Fact]
    public async Task Other_roles_machine_keys_and_unknown_alerts_get_problems_and_change_nothing()
    {
        var alertId = await RaiseAsync();
        await factory.CreateUserAsync("ackanalyst", Roles.Analyst);
        using var analyst = await factory.SignedInBrowserAsync("ackanalyst");

        await AssertProblemAsync(await PostAsync(analyst, $"/api/v1/sos/{alertId}/acknowledge", new { }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await PostAsync(factory.ApiClient(factory.District.Key), $"/api/v1/sos/{alertId}/acknowledge", new { }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await PostAsync(factory.ApiClient(factory.District.Key), "/api/v1/sos/999999/acknowledge", new { }), HttpStatusCode.Forbidden);
        await factory.CreateUserAsync("ackadmin", Roles.Admin);
        using var admin = await factory.SignedInBrowserAsync("ackadmin");
        await AssertProblemAsync(await PostAsync(admin, "/api/v1/sos/999999/acknowledge", new { }), HttpStatusCode.NotFound);

        var alert = await factory.QueryAsync(db => db.SosAlerts.AsNoTracking().SingleAsync(a => a.Id == alertId));
        Assert.Equal(SosStatus.Raised, alert.Status);
        // The analyst is stopped by the API's handle policy before the service; the other three reach it and are audited.
        Assert.Equal(3, await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == SosAcknowledgementService.RejectedAuditAction
            && (e.EntityId == alertId.ToString() || e.EntityId == "999999"))));
    }
}
