using Microsoft.Extensions.DependencyInjection;
using CommandCenter.Data.Security;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Components.Registry;

/// <summary>
/// <see cref="ApiDistrict"/> plus rows in street 2 (a building, room, household and a resident whose ID-number hash is the
/// real keyed hash, a place, a component, an organisation) and a place in street 1, so every registry count differs by node.
/// </summary>
public sealed class RegistryFactory : ApiFactory
{
    public const string StreetTwoName = "李建华";
    public const string StreetTwoIdNumber = "61020219750312351X";
    public const string StreetTwoPhone = "13712345678";
    public const string BuildingCode = ApiDistrict.Grid3Code + "0001";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WithDbAsync(async db =>
        {
            var grid3 = await db.Grids.SingleAsync(g => g.Code == ApiDistrict.Grid3Code);
            var grid1 = await db.Grids.SingleAsync(g => g.Code == ApiDistrict.Grid1Code);
            var building = new Building { GridId = grid3.Id, Code = BuildingCode, Name = "新村3号楼", Address = "红旗街3号", Floors = 7, Units = 1 };
            var room = new Room { Building = building, GridId = grid3.Id, Number = "1-02-0201", Unit = 1, Floor = 2 };
            var household = new Household { Room = room, GridId = grid3.Id, Number = BuildingCode + "-1-02-0201", MemberCount = 1 };
            db.AddRange(building, room);
            await db.SaveChangesAsync();
            household.BuildingId = building.Id;
            db.Add(household);
            db.Residents.Add(new Resident
            {
                Household = household, GridId = grid3.Id, Name = StreetTwoName, IdNumber = StreetTwoIdNumber, IdNumberHash = IdNumberHasher.Hash(StreetTwoIdNumber, Services.GetRequiredService<InstallationSecrets>().IdNumberHashKey),
                Phone = StreetTwoPhone, Gender = Gender.Male, BirthDate = new DateOnly(1975, 3, 12), Type = ResidentType.Migrant, KeyGroups = KeyGroups.Disabled,
                IsHouseholdHead = true,
            });
            db.Places.AddRange(
                new Place { GridId = grid3.Id, Kind = PlaceKind.Market, Name = "新村农贸市场", Address = "红旗街5号" },
                new Place { GridId = grid1.Id, Kind = PlaceKind.School, Name = "青年路小学", Address = "青年路2号", IsKeyPlace = true });
            db.CityComponents.Add(new CityComponent
            {
                GridId = grid3.Id, Code = "6102020108000001", MajorCode = "01", MajorName = "公用设施", MinorCode = "08", MinorName = "路灯", Owner = "区市政中心",
            });
            db.Organizations.Add(new Organization { Kind = OrganizationKind.Enterprise, Name = "红旗商贸有限公司", AreaCode = ApiDistrict.Grid3Code, FoundedOn = new DateOnly(2010, 5, 1) });
            await db.SaveChangesAsync();
        });
    }
}
