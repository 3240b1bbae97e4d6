using CommandCenter.Data.Imports.Reading;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>
/// Buildings, rooms and households loaded once per run, with the rooms and households a run creates on the way
/// (a resident's room by building + 房号, a household per room unless 户号 is given).
/// </summary>
internal sealed class RoomDirectory
{
    private readonly Dictionary<string, Building> _buildings;
    private readonly Dictionary<(int BuildingId, string Number), Room> _rooms;
    private readonly Dictionary<string, Household> _households;
    private readonly Dictionary<Room, Household> _householdByRoom = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Household> _created = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Household> _headed = new(ReferenceEqualityComparer.Instance);

    private RoomDirectory(Dictionary<string, Building> buildings, Dictionary<(int, string), Room> rooms, Dictionary<string, Household> households)
    {
        _buildings = buildings;
        _rooms = rooms;
        _households = households;
        var roomsById = rooms.Values.ToDictionary(r => r.Id);
        foreach (var household in households.Values.OrderBy(h => h.Id))
        {
            if (roomsById.TryGetValue(household.RoomId, out var room))
            {
                _householdByRoom.TryAdd(room, household);
            }
        }
    }

    public static async Task<RoomDirectory> LoadAsync(CommandCenterDbContext db, CancellationToken ct)
    {
        var buildings = await db.Buildings.AsNoTracking().ToDictionaryAsync(b => b.Code, StringComparer.Ordinal, ct);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => (r.BuildingId, r.Number), ct);
        var households = await db.Households.AsNoTracking().ToDictionaryAsync(h => h.Number, StringComparer.Ordinal, ct);
        return new RoomDirectory(buildings, rooms, households);
    }

    /// <summary>The building of a 楼栋编号 cell, rejecting the row when it is unknown.</summary>
    public Building? Building(RowCheck check, string column)
    {
        var code = check.Text(column, 24);
        if (code.Length is 0 or > 24)
        {
            return null;
        }
        if (_buildings.TryGetValue(code, out var building))
        {
            return building;
        }
        check.Reject(column, $"楼栋编号“{code}”不存在，请先导入楼栋。");
        return null;
    }

    public Room? FindRoom(Building building, string number) => _rooms.GetValueOrDefault((building.Id, number));

    public Household? FindHousehold(string number) => _households.GetValueOrDefault(number);

    /// <summary>Remembers a room the rooms import added.</summary>
    public void Remember(Building building, Room room) => _rooms[(building.Id, room.Number)] = room;

    public void Remember(Household household) => _households[household.Number] = household;

    /// <summary>The room, created when missing.</summary>
    public Room RoomFor(ImportSession session, Building building, string number)
    {
        if (_rooms.TryGetValue((building.Id, number), out var room))
        {
            return room;
        }
        var (unit, floor) = UnitAndFloor(number);
        room = new Room { BuildingId = building.Id, GridId = building.GridId, Number = number, Unit = unit, Floor = floor };
        _rooms[(building.Id, number)] = room;
        session.Add(room);
        return room;
    }

    /// <summary>
    /// The household: by 户号 when given (created in this room when missing; refused when it is another room's), else the
    /// room's first household (created when the room has none).
    /// </summary>
    public Household? HouseholdFor(RowCheck check, ImportSession session, Room room, Building building, string number)
    {
        if (number.Length > 0)
        {
            if (_households.TryGetValue(number, out var byNumber))
            {
                if (!SameRoom(byNumber, room))
                {
                    check.Reject("户号", $"户号“{number}”属于另一房屋，与楼栋编号、房号不一致。");
                    return null;
                }
                return byNumber;
            }
            return Create(session, room, building, number);
        }
        if (_householdByRoom.TryGetValue(room, out var household))
        {
            return household;
        }
        var generated = building.Code + "-" + room.Number;
        if (generated.Length > 32 || _households.ContainsKey(generated))
        {
            generated = "H" + Guid.NewGuid().ToString("N")[..31];
        }
        return Create(session, room, building, generated);
    }

    /// <summary>True for the first member placed in a household this run created (the head when 户主 is not given).</summary>
    public bool TakeFirstMember(Household household) => _created.Contains(household) && _headed.Add(household);

    /// <summary>Sets every household's MemberCount to the residents it holds (one UPDATE, only the rows that differ).</summary>
    public static Task<int> RecountMembersAsync(CommandCenterDbContext db, CancellationToken ct) =>
        db.Households
            .Where(h => h.MemberCount != db.Residents.Count(r => r.HouseholdId == h.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.MemberCount, h => db.Residents.Count(r => r.HouseholdId == h.Id)), ct);

    private Household Create(ImportSession session, Room room, Building building, string number)
    {
        var household = new Household { Number = number, GridId = building.GridId, BuildingId = building.Id };
        if (room.Id != 0)
        {
            household.RoomId = room.Id;
        }
        else
        {
            household.Room = room;
        }
        _households[number] = household;
        _householdByRoom.TryAdd(room, household);
        _created.Add(household);
        session.Add(household);
        return household;
    }

    private static bool SameRoom(Household household, Room room) =>
        ReferenceEquals(household.Room, room) || (room.Id != 0 && household.RoomId == room.Id);

    /// <summary>2-3-0302 → unit 2, floor 3; other shapes → 0, 0.</summary>
    internal static (int Unit, int Floor) UnitAndFloor(string number)
    {
        var parts = number.Split('-');
        return parts.Length == 3 && int.TryParse(parts[0], out var unit) && int.TryParse(parts[1], out var floor) ? (unit, floor) : (0, 0);
    }
}
