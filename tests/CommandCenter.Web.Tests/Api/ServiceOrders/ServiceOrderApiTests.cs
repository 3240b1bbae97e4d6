using System.Net;
using CommandCenter.Data.ServiceOrders;
using Microsoft.EntityFrameworkCore;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api.ServiceOrders;

public sealed class ServiceOrderApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private ApiDistrict D => factory.District;

    [Fact]
    public async Task Order_dispatch_accept_by_a_party_member_fulfil_and_rate()
    {
        var client = factory.ApiClient(D.Key);

        // 点单
        var ordered = await AssertStatusAsync(await PostAsync(client, "/api/v1/service-orders",
            new { residentId = D.ElderId, title = "代购药品", description = "需要降压药" }), HttpStatusCode.Created);
        var id = ordered["id"]!.GetValue<long>();
        Assert.Equal("requested", ordered["status"]!.GetValue<string>());
        Assert.Equal(D.Grid2Id, ordered["gridId"]!.GetValue<int>());

        // 派单
        var dispatched = await AssertStatusAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/dispatch",
            new { version = 1, organizationId = D.OrganizationId }), HttpStatusCode.OK);
        Assert.Equal("dispatched", dispatched["status"]!.GetValue<string>());

        // 接单: not by a non-party member; a stale version is 409.
        var refused = await AssertProblemAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/accept",
            new { version = 2, volunteerResidentId = D.ElderId }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(refused["errors"]!["volunteerResidentId"]);
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/accept",
            new { version = 1, volunteerResidentId = D.PartyMemberId }), HttpStatusCode.Conflict);
        var accepted = await AssertStatusAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/accept",
            new { version = 2, volunteerResidentId = D.PartyMemberId }), HttpStatusCode.OK);
        Assert.Equal("accepted", accepted["status"]!.GetValue<string>());
        Assert.Equal(D.PartyMemberId, accepted["volunteerResidentId"]!.GetValue<int>());

        // 销单
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/rating", new { level = 5 }), HttpStatusCode.Conflict);
        var fulfilled = await AssertStatusAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/fulfil", new { version = 3 }), HttpStatusCode.OK);
        Assert.Equal("fulfilled", fulfilled["status"]!.GetValue<string>());

        // 评价, once.
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/rating", new { level = 6 }), HttpStatusCode.UnprocessableEntity);
        var rating = await AssertStatusAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/rating", new { level = 5, comment = "非常及时" }), HttpStatusCode.Created);
        Assert.Equal("verySatisfied", rating["level"]!.GetValue<string>());
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/rating", new { level = 4 }), HttpStatusCode.Conflict);

        var row = await factory.QueryAsync(db => db.ServiceOrders.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(ServiceOrderStatus.Fulfilled, row.Status);
        Assert.Equal(1, await factory.QueryAsync(db => db.Ratings.CountAsync(r => r.ServiceOrderId == id)));
    }

    [Fact]
    public async Task Invalid_orders_are_problems()
    {
        var client = factory.ApiClient(D.Key);

        await AssertProblemAsync(await PostAsync(client, "/api/v1/service-orders", new { title = "无人" }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/service-orders", new { residentId = 987654, title = "无人" }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/service-orders", new { residentId = D.ElderId, title = "  " }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/service-orders/987654/dispatch", new { version = 1 }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await PostAsync(client, "/api/v1/service-orders/987654/dispatch", new { }), HttpStatusCode.UnprocessableEntity);
        var ordered = await AssertStatusAsync(await PostAsync(client, "/api/v1/service-orders", new { residentId = D.ElderId, title = "修水管" }), HttpStatusCode.Created);
        var id = ordered["id"]!.GetValue<long>();
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/accept", new { version = 1 }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/service-orders/{id}/dispatch", new { version = 1, organizationId = 987654 }), HttpStatusCode.UnprocessableEntity);
        // A key scoped to street 1 orders for a resident there, but not for one elsewhere (there is none in street 2: 403 is covered by the
        // incident tests), and cannot move an order outside its street.
        await AssertStatusAsync(await PostAsync(factory.ApiClient(D.ScopedKey), "/api/v1/service-orders", new { residentId = D.ElderId, title = "范围内" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Order_and_wish_free_text_come_back_masked()
    {
        var client = factory.ApiClient(D.Key);

        var ordered = await AssertStatusAsync(await PostAsync(client, "/api/v1/service-orders",
            new { residentId = D.ElderId, title = "代购 13812345678", description = "卡号 6222 0212 3456 7890 123，座机 029-88881234" }), HttpStatusCode.Created);
        var wish = await AssertStatusAsync(await PostAsync(client, "/api/v1/micro-wishes",
            new { residentId = D.ElderId, wish = "送收音机，联系 13912345678" }), HttpStatusCode.Created);

        Assert.Equal("代购 138****5678", ordered["title"]!.GetValue<string>());
        Assert.Equal("卡号 622202*********0123，座机 029-****1234", ordered["description"]!.GetValue<string>());
        Assert.Equal("送收音机，联系 139****5678", wish["wish"]!.GetValue<string>());
    }

    [Fact]
    public async Task Micro_wish_is_claimed_and_fulfilled()
    {
        var client = factory.ApiClient(D.Key);

        var wish = await AssertStatusAsync(await PostAsync(client, "/api/v1/micro-wishes", new { residentId = D.ElderId, wish = "想要一台收音机" }), HttpStatusCode.Created);
        var id = wish["id"]!.GetValue<long>();
        Assert.Equal("open", wish["status"]!.GetValue<string>());

        await AssertProblemAsync(await PostAsync(client, $"/api/v1/micro-wishes/{id}/fulfil", new { version = 1 }), HttpStatusCode.Conflict);
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/micro-wishes/{id}/claim", new { version = 1 }), HttpStatusCode.UnprocessableEntity);
        var claimed = await AssertStatusAsync(await PostAsync(client, $"/api/v1/micro-wishes/{id}/claim", new { version = 1, residentId = D.PartyMemberId }), HttpStatusCode.OK);
        Assert.Equal("claimed", claimed["status"]!.GetValue<string>());
        Assert.Equal(D.PartyMemberId, claimed["claimedByResidentId"]!.GetValue<int>());
        var fulfilled = await AssertStatusAsync(await PostAsync(client, $"/api/v1/micro-wishes/{id}/fulfil", new { version = 2 }), HttpStatusCode.OK);
        Assert.Equal("fulfilled", fulfilled["status"]!.GetValue<string>());
        Assert.Equal(3, fulfilled["version"]!.GetValue<int>());

        var row = await factory.QueryAsync(db => db.MicroWishes.AsNoTracking().SingleAsync(w => w.Id == id));
        Assert.Equal(MicroWishStatus.Fulfilled, row.Status);
        Assert.NotNull(row.FulfilledAt);
        await AssertProblemAsync(await PostAsync(client, $"/api/v1/micro-wishes/{id}/withdraw", new { version = 3 }), HttpStatusCode.Conflict);
    }
}
