using System.Net;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using Microsoft.EntityFrameworkCore;
using static CommandCenter.Web.Tests.Api.ApiCalls;

namespace CommandCenter.Web.Tests.Api;

/// <summary>
/// A key's scope limits every id it sends: placeId, reporterGridWorkerId, duplicateOfId and volunteerResidentId outside
/// the scope are answered 422 exactly as an id that does not exist (no existence oracle). The scoped key covers street 1
/// (grids 1 and 2); grid 3 lies in street 2.
/// </summary>
public sealed class ScopedIdTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Missing = 987_654;
    private ApiDistrict D => factory.District;

    /// <summary>The 422's message for the field with the id replaced, so "outside" and "missing" compare equal.</summary>
    private static async Task<string> RefusalAsync(HttpResponseMessage response, string field, long id)
    {
        var body = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var message = body["errors"]![field]![0]!.GetValue<string>();
        return message.Replace(id.ToString(System.Globalization.CultureInfo.InvariantCulture), "#", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Place_and_reporting_grid_worker_outside_the_scope_are_refused_like_missing_ids()
    {
        var (outsidePlace, outsideWorker) = (0, 0);
        await factory.WithDbAsync(async db =>
        {
            var place = new Place { GridId = D.Grid3Id, Kind = default, Name = "红旗小学", Address = "红旗路1号", Latitude = 35.005, Longitude = 109.025 };
            var worker = new GridWorker { GridId = D.Grid3Id, Name = "孙网格", Phone = "13900005555", EmployeeNumber = "GW0103" };
            db.AddRange(place, worker);
            await db.SaveChangesAsync();
            (outsidePlace, outsideWorker) = (place.Id, worker.Id);
        });
        var scoped = factory.ApiClient(D.ScopedKey);

        async Task<HttpResponseMessage> PostWith(int? placeId, int? workerId) => await PostAsync(scoped, "/api/v1/incidents", new
        {
            title = "井盖缺失", categoryCode = ApiDistrict.EventCategory, priority = "normal", gridCode = ApiDistrict.Grid1Code,
            placeId, reporterGridWorkerId = workerId,
        }, Guid.NewGuid().ToString("N"));

        Assert.Equal(await RefusalAsync(await PostWith(Missing, null), "placeId", Missing),
            await RefusalAsync(await PostWith(outsidePlace, null), "placeId", outsidePlace));
        Assert.Equal(await RefusalAsync(await PostWith(null, Missing), "reporterGridWorkerId", Missing),
            await RefusalAsync(await PostWith(null, outsideWorker), "reporterGridWorkerId", outsideWorker));
        // Inside the scope the same ids are taken.
        await AssertStatusAsync(await PostWith(null, D.GridWorkerId), HttpStatusCode.Created);
        // An unscoped key may name the place in grid 3.
        await AssertStatusAsync(await PostAsync(factory.ApiClient(D.Key), "/api/v1/incidents", new
        {
            title = "井盖缺失", categoryCode = ApiDistrict.EventCategory, priority = "normal", gridCode = ApiDistrict.Grid3Code, placeId = outsidePlace,
        }, Guid.NewGuid().ToString("N")), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Duplicate_of_an_incident_outside_the_scope_is_refused_like_a_missing_one()
    {
        var outside = (await CreateIncidentAsync(factory.ApiClient(D.Key), Incident(gridCode: ApiDistrict.Grid3Code)))["id"]!.GetValue<long>();
        var scoped = factory.ApiClient(D.ScopedKey);

        async Task<HttpResponseMessage> RejectAsDuplicateOf(long original)
        {
            var own = (await CreateIncidentAsync(scoped))["id"]!.GetValue<long>();
            return await TransitionAsync(scoped, own, new { action = "reject", version = 1, duplicateOfId = original });
        }

        Assert.Equal(await RefusalAsync(await RejectAsDuplicateOf(Missing), "duplicateOfId", Missing),
            await RefusalAsync(await RejectAsDuplicateOf(outside), "duplicateOfId", outside));
        var inside = (await CreateIncidentAsync(scoped))["id"]!.GetValue<long>();
        await AssertStatusAsync(await RejectAsDuplicateOf(inside), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Volunteer_outside_the_scope_is_refused_like_a_missing_resident()
    {
        var outsideVolunteer = 0;
        await factory.WithDbAsync(async db =>
        {
            var household = await db.Residents.Where(r => r.Id == D.ElderId).Select(r => r.HouseholdId).SingleAsync();
            var volunteer = new Resident
            {
                HouseholdId = household, GridId = D.Grid3Id, Name = "刘红", IdNumber = "610202199001011234", IdNumberHash = "h-volunteer3", IsPartyMember = true,
            };
            db.Residents.Add(volunteer);
            await db.SaveChangesAsync();
            outsideVolunteer = volunteer.Id;
        });
        var scoped = factory.ApiClient(D.ScopedKey);

        async Task<HttpResponseMessage> AcceptBy(int volunteer)
        {
            var order = await AssertStatusAsync(await PostAsync(scoped, "/api/v1/service-orders", new { residentId = D.ElderId, title = "代购药品" },
                Guid.NewGuid().ToString("N")), HttpStatusCode.Created);
            return await PostAsync(scoped, $"/api/v1/service-orders/{order["id"]!.GetValue<long>()}/accept", new { version = 1, volunteerResidentId = volunteer });
        }

        Assert.Equal(await RefusalAsync(await AcceptBy(Missing), "volunteerResidentId", Missing),
            await RefusalAsync(await AcceptBy(outsideVolunteer), "volunteerResidentId", outsideVolunteer));
        await AssertStatusAsync(await AcceptBy(D.PartyMemberId), HttpStatusCode.OK);

        // The resident an order or a wish is for: outside the scope is the same 422 as missing, not a 403.
        var order = await PostAsync(scoped, "/api/v1/service-orders", new { residentId = outsideVolunteer, title = "代购药品" });
        Assert.Equal(
            await RefusalAsync(await PostAsync(scoped, "/api/v1/service-orders", new { residentId = Missing, title = "代购药品" }), "residentId", Missing),
            await RefusalAsync(order, "residentId", outsideVolunteer));
    }

    [Fact]
    public async Task Sos_from_a_device_outside_the_scope_is_refused_like_an_unknown_device()
    {
        var scopedStreet2 = factory.ApiClient(await AddKeyAsync(ApiDistrict.Street2Code));
        var wristbandInGrid2 = await PostAsync(scopedStreet2, "/api/v1/sos", new { deviceId = D.WristbandSerial });
        var unknown = await PostAsync(scopedStreet2, "/api/v1/sos", new { deviceId = "WB-NOWHERE-9" });
        var outsideBody = await AssertProblemAsync(wristbandInGrid2, HttpStatusCode.UnprocessableEntity);
        var unknownBody = await AssertProblemAsync(unknown, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(unknownBody["errors"]!.ToJsonString(), outsideBody["errors"]!.ToJsonString());
    }

    private async Task<string> AddKeyAsync(string scope)
    {
        var key = CommandCenter.Data.Identity.ApiKeyHasher.NewKey();
        await factory.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new CommandCenter.Data.Identity.ApiKey
            {
                Name = "红旗网关", Channel = "sos-gateway", Prefix = CommandCenter.Data.Identity.ApiKeyHasher.PrefixOf(key),
                KeyHash = CommandCenter.Data.Identity.ApiKeyHasher.Hash(key), ScopeCode = scope,
                Permissions = CommandCenter.Data.Identity.ApiKeyPermissionNames.Legacy, CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        return key;
    }
}
