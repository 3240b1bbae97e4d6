using CommandCenter.Data.Imports.Reading;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>房屋: keyed by 楼栋编号 + 房号.</summary>
public sealed class RoomImport : ISheetImport
{
    private static readonly IReadOnlyDictionary<string, RoomUse> Uses = new Dictionary<string, RoomUse>
    {
        ["自住"] = RoomUse.OwnerOccupied, ["出租"] = RoomUse.Rental, ["商用"] = RoomUse.Commercial, ["空置"] = RoomUse.Vacant,
    };

    public ImportTemplate Template => ImportTemplates.Rooms;

    public async Task ImportAsync(ImportSession session, Sheet sheet, CancellationToken cancellationToken)
    {
        var places = await RoomDirectory.LoadAsync(session.Db, cancellationToken);
        var seen = new Dictionary<(int, string), int>();
        var byKey = new Dictionary<(int, string), Room>();
        foreach (var check in ImportLookups.Checks(session, sheet))
        {
            var building = places.Building(check, "楼栋编号");
            var number = check.Text("房号", 24);
            var unit = check.Int("单元", 0, 100);
            var floor = check.Int("楼层", -10, 200);
            var area = check.Number("面积", 0, 100_000);
            var use = check.Choice("用途", Uses);
            if (building is not null && number.Length > 0 && !check.Failed)
            {
                ImportLookups.FirstOccurrence(check, seen, (building.Id, number), "房号", $"楼栋“{building.Code}”的房号“{number}”");
            }
            if (check.Failed)
            {
                continue;
            }
            var key = (building!.Id, number);
            if (places.FindRoom(building, number) is { } stored)
            {
                byKey.TryAdd(key, stored);
            }
            var room = new Room
            {
                BuildingId = building.Id, GridId = building.GridId, Number = number, Unit = unit!.Value, Floor = floor!.Value,
                AreaSquareMeters = area!.Value, Use = use!.Value,
            };
            KeyedUpsert.Apply(session, byKey, key, room);
            await session.FlushIfFullAsync(cancellationToken);
        }
        await session.FlushAsync(cancellationToken);
    }
}

/// <summary>户: keyed by 户号; the room is created when missing; the member count stays what the residents make it.</summary>
public sealed class HouseholdImport : ISheetImport
{
    public ImportTemplate Template => ImportTemplates.Households;

    public async Task ImportAsync(ImportSession session, Sheet sheet, CancellationToken cancellationToken)
    {
        var places = await RoomDirectory.LoadAsync(session.Db, cancellationToken);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var byNumber = new Dictionary<string, Household>(StringComparer.Ordinal);
        foreach (var check in ImportLookups.Checks(session, sheet))
        {
            var number = check.Text("户号", 32);
            var building = places.Building(check, "楼栋编号");
            var roomNumber = check.Text("房号", 24);
            var centre = check.YesNo("党员中心户");
            if (number.Length > 0 && !check.Failed)
            {
                ImportLookups.FirstOccurrence(check, seen, number, "户号", $"户号“{number}”");
            }
            if (check.Failed)
            {
                continue;
            }
            var room = places.RoomFor(session, building!, roomNumber);
            var household = new Household { Number = number, GridId = building!.GridId, BuildingId = building.Id, IsPartyMemberCentre = centre };
            if (room.Id != 0)
            {
                household.RoomId = room.Id;
            }
            else
            {
                household.Room = room;
            }
            if (places.FindHousehold(number) is { } stored)
            {
                byNumber.TryAdd(number, stored);
            }
            KeyedUpsert.Apply(session, byNumber, number, household, (current, next) => next.MemberCount = current.MemberCount);
            places.Remember(household);
            await session.FlushIfFullAsync(cancellationToken);
        }
        await session.FlushAsync(cancellationToken);
    }
}
