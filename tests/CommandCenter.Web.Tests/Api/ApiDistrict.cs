using Microsoft.EntityFrameworkCore;
using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using CommandCenter.Data.Sos;

namespace CommandCenter.Web.Tests.Api;

/// <summary>
/// A small district for the API tests, written row by row: two streets, three grids with real GeoJSON squares
/// (0.01° each, side by side along latitude 35.00–35.01), categories incl. G0501 for SOS, a handling unit per tier,
/// a grid worker, residents incl. a party member, a wristband bound to a resident, and API keys
/// (unscoped, scoped to street 1, an SOS gateway, and a revoked one).
/// </summary>
public sealed record ApiDistrict(
    int Grid1Id, int Grid2Id, int Grid3Id,
    int Street1Id, int Street2Id,
    int GridWorkerId, int InactiveGridWorkerId,
    int ElderId, int PartyMemberId, int OrganizationId,
    string WristbandSerial,
    string Key, string ScopedKey, string SosKey, string RevokedKey,
    string KeyName, string ScopedKeyName)
{
    public const string DistrictCode = "610202";
    public const string Street1Code = "610202001";
    public const string Street2Code = "610202002";
    public const string Community1Code = "610202001001";
    public const string Community2Code = "610202002001";
    public const string Grid1Code = "610202001001001";
    public const string Grid2Code = "610202001001002";
    public const string Grid3Code = "610202002001001";
    public const string EventCategory = "E0101";
    public const string ComponentCategory = "C0101";
    public const string SosCategory = SosIntakeService.SosCategoryCode;

    /// <summary>Centre of grid n (1..3): latitude 35.005, longitude 109.005 + 0.01·(n−1).</summary>
    public static (double Latitude, double Longitude) CentreOf(int grid) => (35.005, 109.005 + (0.01 * (grid - 1)));

    /// <summary>A point well outside every grid.</summary>
    public static (double Latitude, double Longitude) Outside => (36.5, 110.5);

    private static string Square(double west, double south, double size = 0.01) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{west + size}},{{south}}],[{{west + size}},{{south + size}}],[{{west}},{{south + size}}],[{{west}},{{south}}]]]}""");

    public static async Task<ApiDistrict> SeedAsync(CommandCenterDbContext db)
    {
        var district = new District { Code = DistrictCode, Name = "王益区", Boundary = Square(109.0, 35.0, 0.03), CenterLatitude = 35.005, CenterLongitude = 109.015 };
        var street1 = new Street { District = district, Code = Street1Code, Name = "七一路街道", Boundary = Square(109.0, 35.0, 0.02) };
        var street2 = new Street { District = district, Code = Street2Code, Name = "红旗街道", Boundary = Square(109.02, 35.0) };
        var community1 = new Community { Street = street1, Code = Community1Code, Name = "青年路社区", Boundary = Square(109.0, 35.0, 0.02) };
        var community2 = new Community { Street = street2, Code = Community2Code, Name = "新村社区", Boundary = Square(109.02, 35.0) };
        db.AddRange(community1, community2);
        await db.SaveChangesAsync();

        Grid NewGrid(Community community, Street street, string code, int n) => new()
        {
            CommunityId = community.Id, StreetId = street.Id, Code = code, Name = $"第{n}网格",
            Boundary = Square(109.0 + (0.01 * (n - 1)), 35.0), CenterLatitude = CentreOf(n).Latitude, CenterLongitude = CentreOf(n).Longitude,
        };
        var grid1 = NewGrid(community1, street1, Grid1Code, 1);
        var grid2 = NewGrid(community1, street1, Grid2Code, 2);
        var grid3 = NewGrid(community2, street2, Grid3Code, 3);
        db.AddRange(grid1, grid2, grid3);
        await db.SaveChangesAsync();

        // A small, known category list instead of the catalogue seeded at start-up.
        await db.IncidentCategories.ExecuteDeleteAsync();
        db.IncidentCategories.AddRange(
            new IncidentCategory { Code = EventCategory, Kind = CategoryKind.Event, MajorCode = "01", MajorName = "市容环境", MinorCode = "01", MinorName = "暴露垃圾" },
            new IncidentCategory { Code = ComponentCategory, Kind = CategoryKind.Component, MajorCode = "01", MajorName = "公用设施", MinorCode = "01", MinorName = "井盖缺失" },
            new IncidentCategory { Code = SosCategory, Kind = CategoryKind.Governance, MajorCode = "05", MajorName = "SOS", MinorCode = "01", MinorName = "一键呼叫求助" });
        db.HandlingUnits.AddRange(
            new HandlingUnit { Name = "第1网格工作站", Tier = HandlingTier.Grid, AreaCode = Grid1Code },
            new HandlingUnit { Name = "第2网格工作站", Tier = HandlingTier.Grid, AreaCode = Grid2Code },
            new HandlingUnit { Name = "第3网格工作站", Tier = HandlingTier.Grid, AreaCode = Grid3Code },
            new HandlingUnit { Name = "青年路社区", Tier = HandlingTier.Community, AreaCode = Community1Code },
            new HandlingUnit { Name = "新村社区", Tier = HandlingTier.Community, AreaCode = Community2Code },
            new HandlingUnit { Name = "七一路街道办", Tier = HandlingTier.Street, AreaCode = Street1Code },
            new HandlingUnit { Name = "红旗街道办", Tier = HandlingTier.Street, AreaCode = Street2Code },
            new HandlingUnit { Name = "区城管局", Tier = HandlingTier.Department, AreaCode = DistrictCode },
            new HandlingUnit { Name = "区指挥中心", Tier = HandlingTier.District, AreaCode = DistrictCode });

        var building = new Building { GridId = grid2.Id, Code = Grid2Code + "0001", Name = "1号楼", Address = "青年路1号", Floors = 6, Units = 2 };
        var room = new Room { Building = building, GridId = grid2.Id, Number = "1-1-0101", Unit = 1, Floor = 1 };
        db.AddRange(building, room);
        await db.SaveChangesAsync();
        var household = new Household { Room = room, GridId = grid2.Id, BuildingId = building.Id, Number = Grid2Code + "00010001", MemberCount = 3 };
        var elder = new Resident
        {
            Household = household, GridId = grid2.Id, Name = "王秀英", IdNumber = "610202194805061228", IdNumberHash = "h-elder", Phone = "13900001111",
            BirthDate = new DateOnly(1948, 5, 6), KeyGroups = KeyGroups.Aged60Plus | KeyGroups.LivingAlone,
        };
        var member = new Resident
        {
            Household = household, GridId = grid2.Id, Name = "张建国", IdNumber = "610202198001011234", IdNumberHash = "h-member", Phone = "13900002222",
            Gender = Gender.Male, BirthDate = new DateOnly(1980, 1, 1), IsPartyMember = true,
        };
        var worker = new GridWorker { GridId = grid1.Id, Name = "赵网格", Phone = "13900003333", EmployeeNumber = "GW0001" };
        var inactive = new GridWorker { GridId = grid1.Id, Name = "钱网格", Phone = "13900004444", EmployeeNumber = "GW0002", IsActive = false };
        var team = new Organization { Kind = OrganizationKind.VolunteerTeam, Name = "青年路志愿队", AreaCode = Community1Code };
        db.AddRange(household, elder, member, worker, inactive, team);
        await db.SaveChangesAsync();

        var wristband = new Device { SerialNumber = "WB-000001", Kind = DeviceKind.SosWristband, Status = DeviceStatus.Online, GridId = grid2.Id, ResidentId = elder.Id };
        db.Devices.Add(wristband);

        string AddKey(string name, string channel, string? scope = null, bool revoked = false)
        {
            var key = ApiKeyHasher.NewKey();
            db.ApiKeys.Add(new ApiKey
            {
                Name = name, Channel = channel, Prefix = ApiKeyHasher.PrefixOf(key), KeyHash = ApiKeyHasher.Hash(key), ScopeCode = scope,
                Permissions = ApiKeyPermissionNames.Legacy, CreatedAt = DateTime.UtcNow, RevokedAt = revoked ? DateTime.UtcNow : null,
            });
            return key;
        }
        var key = AddKey("网格通", "grid-worker-app");
        var scoped = AddKey("七一路热线", "hotline-12345", Street1Code);
        var sos = AddKey("手环网关", "sos-gateway");
        var revokedKey = AddKey("已吊销", "grid-worker-app", revoked: true);
        await db.SaveChangesAsync();

        return new ApiDistrict(grid1.Id, grid2.Id, grid3.Id, street1.Id, street2.Id, worker.Id, inactive.Id, elder.Id, member.Id, team.Id,
            wristband.SerialNumber, key, scoped, sos, revokedKey, "网格通", "七一路热线");
    }
}
