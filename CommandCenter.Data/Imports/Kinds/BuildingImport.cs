using CommandCenter.Data.Imports.Reading;
using CommandCenter.Data.Places;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>楼栋: keyed by 楼栋编号 (Building.Code).</summary>
public sealed class BuildingImport : ISheetImport
{
    public ImportTemplate Template => ImportTemplates.Buildings;

    public async Task ImportAsync(ImportSession session, Sheet sheet, CancellationToken cancellationToken)
    {
        var db = session.Db;
        var grids = await ImportLookups.GridsAsync(db, cancellationToken);
        var existing = await db.Buildings.AsNoTracking().ToDictionaryAsync(b => b.Code, StringComparer.Ordinal, cancellationToken);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var hasUnits = sheet.Columns.IndexOf("单元数") >= 0;
        var hasYear = sheet.Columns.IndexOf("建成年份") >= 0;
        foreach (var check in ImportLookups.Checks(session, sheet))
        {
            var code = check.Text("楼栋编号", 24);
            var name = check.Text("名称", 64);
            var grid = ImportLookups.Grid(check, "网格编码", grids);
            var address = check.Text("地址", 128);
            var floors = check.Int("层数", 1, 200);
            var position = check.Position("经度", "纬度");
            var units = hasUnits ? check.Int("单元数", 0, 100, required: false) : null;
            var year = hasYear ? check.Int("建成年份", 1800, 2100, required: false) : null;
            if (code.Length > 0 && !check.Failed)
            {
                ImportLookups.FirstOccurrence(check, seen, code, "楼栋编号", $"楼栋编号“{code}”");
            }
            if (check.Failed)
            {
                continue;
            }
            if (existing.TryGetValue(code, out var building))
            {
                var changed = building.Name != name || building.GridId != grid!.Id || building.Address != address || building.Floors != floors
                    || building.Longitude != position!.Value.Longitude || building.Latitude != position.Value.Latitude
                    || (units is { } u && building.Units != u) || (year is { } y && building.YearBuilt != y);
                if (!changed)
                {
                    continue;
                }
                building.Name = name;
                building.GridId = grid!.Id;
                building.Address = address;
                building.Floors = floors!.Value;
                building.Longitude = position!.Value.Longitude;
                building.Latitude = position.Value.Latitude;
                building.Units = units ?? building.Units;
                building.YearBuilt = year ?? building.YearBuilt;
                session.Update(building);
            }
            else
            {
                building = new Building
                {
                    Code = code, Name = name, GridId = grid!.Id, Address = address, Floors = floors!.Value,
                    Longitude = position!.Value.Longitude, Latitude = position.Value.Latitude, Units = units ?? 1, YearBuilt = year ?? 0,
                };
                existing[code] = building;
                session.Insert(building);
            }
            await session.FlushIfFullAsync(cancellationToken);
        }
        await session.FlushAsync(cancellationToken);
    }
}
