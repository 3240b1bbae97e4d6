using CommandCenter.Data.Imports.Reading;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.Places;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>场所: keyed by 名称 + 网格.</summary>
public sealed class PlaceImport : ISheetImport
{
    private static readonly IReadOnlyDictionary<string, PlaceKind> Kinds = new Dictionary<string, PlaceKind>
    {
        ["重点场所"] = PlaceKind.KeyPlace, ["学校"] = PlaceKind.School, ["医院"] = PlaceKind.Hospital, ["市场"] = PlaceKind.Market,
        ["幼儿园"] = PlaceKind.Kindergarten, ["养老机构"] = PlaceKind.ElderlyCare, ["广场"] = PlaceKind.PublicSquare, ["车站"] = PlaceKind.Station,
        ["出租房"] = PlaceKind.RentalHousing,
    };

    public ImportTemplate Template => ImportTemplates.Places;

    public async Task ImportAsync(ImportSession session, Sheet sheet, CancellationToken cancellationToken)
    {
        var grids = await ImportLookups.GridsAsync(session.Db, cancellationToken);
        var existing = await ImportLookups.OldestByKeyAsync(session.Db.Places.AsNoTracking(), p => p.Id, p => (p.Name, p.GridId), cancellationToken);
        var seen = new Dictionary<(string, int), int>();
        foreach (var check in ImportLookups.Checks(session, sheet))
        {
            var name = check.Text("名称", 128);
            var kind = check.Choice("类型", Kinds);
            var grid = ImportLookups.Grid(check, "网格编码", grids);
            var address = check.Text("地址", 128);
            var position = check.Position("经度", "纬度");
            var key = check.YesNo("重点场所", empty: kind == PlaceKind.KeyPlace);
            if (grid is not null && name.Length > 0 && !check.Failed)
            {
                ImportLookups.FirstOccurrence(check, seen, (name, grid.Id), "名称", $"网格内的场所“{name}”");
            }
            if (check.Failed)
            {
                continue;
            }
            var candidate = new Place
            {
                Name = name, Kind = kind!.Value, GridId = grid!.Id, Address = address, Longitude = position!.Value.Longitude,
                Latitude = position.Value.Latitude, IsKeyPlace = key,
            };
            KeyedUpsert.Apply(session, existing, (name, grid.Id), candidate);
            await session.FlushIfFullAsync(cancellationToken);
        }
        await session.FlushAsync(cancellationToken);
    }
}

/// <summary>城市部件: keyed by the 16-digit 部件编码 (6 district + 2 大类 + 2 小类 + 6 serial).</summary>
public sealed class ComponentImport : ISheetImport
{
    private static readonly IReadOnlyDictionary<string, ComponentState> States = new Dictionary<string, ComponentState>
    {
        ["完好"] = ComponentState.Normal, ["破损"] = ComponentState.Damaged, ["丢失"] = ComponentState.Missing,
        ["维修中"] = ComponentState.UnderRepair, ["已拆除"] = ComponentState.Removed,
    };

    public ImportTemplate Template => ImportTemplates.Components;

    public async Task ImportAsync(ImportSession session, Sheet sheet, CancellationToken cancellationToken)
    {
        var grids = await ImportLookups.GridsAsync(session.Db, cancellationToken);
        var existing = await session.Db.CityComponents.AsNoTracking().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var check in ImportLookups.Checks(session, sheet))
        {
            var code = check.Text("部件编码", 16);
            var majorName = check.Text("大类名称", 32);
            var minorName = check.Text("小类名称", 32);
            var grid = ImportLookups.Grid(check, "网格编码", grids);
            var state = check.Choice("状态", States);
            var owner = check.Text("权属单位", 64);
            var position = check.Position("经度", "纬度");
            if (code.Length > 0 && (code.Length != 16 || !code.All(char.IsAsciiDigit)))
            {
                check.Reject("部件编码", $"部件编码“{code}”应为 16 位数字（6 位区划 + 2 位大类 + 2 位小类 + 6 位序号）。");
            }
            else if (grid is not null && code.Length == 16 && !grid.Code.StartsWith(code[..6], StringComparison.Ordinal))
            {
                check.Reject("部件编码", $"部件编码的区划“{code[..6]}”与网格“{grid.Code}”不一致。");
            }
            if (code.Length > 0 && !check.Failed)
            {
                ImportLookups.FirstOccurrence(check, seen, code, "部件编码", $"部件编码“{code}”");
            }
            if (check.Failed)
            {
                continue;
            }
            var candidate = new CityComponent
            {
                Code = code, MajorCode = code[6..8], MajorName = majorName, MinorCode = code[8..10], MinorName = minorName, GridId = grid!.Id,
                State = state!.Value, Owner = owner, Longitude = position!.Value.Longitude, Latitude = position.Value.Latitude,
            };
            KeyedUpsert.Apply(session, existing, code, candidate, (current, next) => next.LastInspectedAt = current.LastInspectedAt);
            await session.FlushIfFullAsync(cancellationToken);
        }
        await session.FlushAsync(cancellationToken);
    }
}

/// <summary>组织: keyed by 名称 + 网格 (the area code is the grid's).</summary>
public sealed class OrganizationImport : ISheetImport
{
    private static readonly IReadOnlyDictionary<string, OrganizationKind> Kinds = new Dictionary<string, OrganizationKind>
    {
        ["党组织"] = OrganizationKind.PartyOrganization, ["非公企业"] = OrganizationKind.Enterprise, ["社会组织"] = OrganizationKind.SocialOrganization,
        ["物业公司"] = OrganizationKind.PropertyCompany, ["业主委员会"] = OrganizationKind.OwnersCommittee,
        ["志愿服务队"] = OrganizationKind.VolunteerTeam, ["应急队伍"] = OrganizationKind.EmergencyTeam,
    };

    public ImportTemplate Template => ImportTemplates.Organizations;

    public async Task ImportAsync(ImportSession session, Sheet sheet, CancellationToken cancellationToken)
    {
        var grids = await ImportLookups.GridsAsync(session.Db, cancellationToken);
        var existing = await ImportLookups.OldestByKeyAsync(session.Db.Organizations.AsNoTracking(), o => o.Id, o => (o.Name, o.AreaCode), cancellationToken);
        var seen = new Dictionary<(string, string), int>();
        foreach (var check in ImportLookups.Checks(session, sheet))
        {
            var name = check.Text("名称", 128);
            var kind = check.Choice("类型", Kinds);
            var grid = ImportLookups.Grid(check, "网格编码", grids);
            var creditCode = check.Text("统一社会信用代码", 18, required: false).ToUpperInvariant();
            var industry = check.Text("行业", 32, required: false);
            var members = check.Int("成员数", 0, 1_000_000, required: false) ?? 0;
            var founded = check.Date("成立日期", required: false) ?? default;
            if (creditCode.Length > 0 && (creditCode.Length != 18 || !creditCode.All(char.IsAsciiLetterOrDigit)))
            {
                check.Reject("统一社会信用代码", $"统一社会信用代码“{creditCode}”应为 18 位数字或字母。");
            }
            if (grid is not null && name.Length > 0 && !check.Failed)
            {
                ImportLookups.FirstOccurrence(check, seen, (name, grid.Code), "名称", $"网格内的组织“{name}”");
            }
            if (check.Failed)
            {
                continue;
            }
            var candidate = new Organization
            {
                Name = name, Kind = kind!.Value, AreaCode = grid!.Code, GridId = grid.Id, CreditCode = creditCode.Length > 0 ? creditCode : null,
                Industry = industry.Length > 0 ? industry : null, MemberCount = members, FoundedOn = founded,
                PartyTier = kind == OrganizationKind.PartyOrganization ? PartyTier.GridBranch : null,
            };
            KeyedUpsert.Apply(session, existing, (name, grid.Code), candidate, (current, next) =>
            {
                next.ParentId = current.ParentId;
                next.BuildingId = current.BuildingId;
                next.PartyTier = next.Kind == OrganizationKind.PartyOrganization ? current.PartyTier ?? next.PartyTier : null;
            });
            await session.FlushIfFullAsync(cancellationToken);
        }
        await session.FlushAsync(cancellationToken);
    }
}
