using System.Globalization;
using CommandCenter.Data.Demo.IdNumbers;
using CommandCenter.Data.Demo.Names;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>Buildings, rooms, households and residents with a realistic age pyramid and key groups.</summary>
internal static class PeopleGenerator
{
    public static void GenerateBuildings(DemoWorld world)
    {
        var random = world.Stream(10);
        var buildingCount = Math.Max(world.Count(3444), world.Grids.Count);
        var perGrid = DemoRandom.Apportion(buildingCount, world.Grids.Select(_ => 0.5 + random.NextDouble()).ToList(), 1);
        var shapes = new List<(int Floors, int Units, int PerFloor)>(buildingCount);
        for (var b = 0; b < buildingCount; b++)
        {
            shapes.Add(random.NextDouble() switch
            {
                < 0.08 => (random.Next(1, 4), random.Next(1, 3), random.Next(2, 5)),   // 平房 / low-rise
                < 0.70 => (random.Next(5, 8), random.Next(2, 5), 2),                   // 多层 walk-up
                < 0.94 => (random.Next(11, 19), random.Next(1, 3), random.Next(2, 4)), // 小高层
                _ => (random.Next(24, 34), random.Next(1, 3), 4),                      // 高层
            });
        }
        // Walk floors up or down until the rooms match the target.
        var targetRooms = world.Count(131_395, buildingCount);
        var rooms = shapes.Sum(s => s.Floors * s.Units * s.PerFloor);
        var guard = 0;
        while (rooms != targetRooms && guard++ < 200_000)
        {
            var i = random.Next(shapes.Count);
            var (floors, units, perFloor) = shapes[i];
            var step = units * perFloor;
            if (rooms > targetRooms && floors > 1 && (rooms - targetRooms) * 2 >= step)
            {
                shapes[i] = (floors - 1, units, perFloor);
                rooms -= step;
            }
            else if (rooms < targetRooms && floors < 33 && (targetRooms - rooms) * 2 >= step)
            {
                shapes[i] = (floors + 1, units, perFloor);
                rooms += step;
            }
        }

        var index = 0;
        foreach (var grid in world.Grids)
        {
            var estate = PlaceNames.EstateName(random);
            var road = PlaceNames.Road(random);
            var street = world.StreetOf(grid);
            for (var k = 1; k <= perGrid[grid.Id - 1]; k++)
            {
                var (floors, units, perFloor) = shapes[index++];
                if (k > 1 && random.Chance(0.25))
                {
                    estate = PlaceNames.EstateName(random);
                }
                var point = world.PointIn(random, grid.Id);
                var building = new Building
                {
                    Id = world.Buildings.Count + 1,
                    GridId = grid.Id,
                    Code = grid.Code + HierarchyGenerator.Invariant(k, "D4"),
                    Name = $"{estate}{k}号楼",
                    Address = $"{DemoWorld.CityName}{DemoWorld.DistrictName}{street.Name}{road}{HierarchyGenerator.Invariant(random.Next(1, 300), "D")}号",
                    Floors = floors,
                    Units = units,
                    YearBuilt = YearBuilt(random, floors),
                    Latitude = point.Latitude,
                    Longitude = point.Longitude,
                };
                world.Buildings.Add(building);
                var shops = floors >= 5 && random.Chance(0.2);
                for (var u = 1; u <= units; u++)
                {
                    for (var f = 1; f <= floors; f++)
                    {
                        for (var r = 1; r <= perFloor; r++)
                        {
                            world.Rooms.Add(new Room
                            {
                                Id = world.Rooms.Count + 1,
                                BuildingId = building.Id,
                                GridId = grid.Id,
                                Number = string.Create(CultureInfo.InvariantCulture, $"{u}-{f}-{f:D2}{r:D2}"),
                                Unit = u,
                                Floor = f,
                                AreaSquareMeters = Math.Round(45 + (random.NextDouble() * (floors > 10 ? 95 : 70)), 1),
                                Use = shops && f == 1 ? RoomUse.Commercial : random.NextDouble() switch
                                {
                                    < 0.09 => RoomUse.Vacant,
                                    < 0.25 => RoomUse.Rental,
                                    _ => RoomUse.OwnerOccupied,
                                },
                            });
                        }
                    }
                }
            }
        }
    }

    private static int YearBuilt(Random random, int floors) => floors switch
    {
        <= 3 => random.Next(1958, 1995),
        <= 7 => random.Next(1978, 2008),
        <= 18 => random.Next(2000, 2020),
        _ => random.Next(2008, 2024),
    };

    public static void GenerateResidents(DemoWorld world)
    {
        var random = world.Stream(11);
        var homes = world.Rooms.Where(r => r.Use is RoomUse.OwnerOccupied or RoomUse.Rental).ToList();
        double[] sizeWeights = [0.19, 0.31, 0.26, 0.14, 0.07, 0.03];
        var sizeCumulative = DemoRandom.Cumulate(sizeWeights);
        var sizes = homes.Select(_ => random.PickCumulative(sizeCumulative) + 1).ToArray();
        var target = Math.Max(world.Count(296_166), homes.Count);
        var sum = sizes.Sum();
        while (sum != target)
        {
            var i = random.Next(sizes.Length);
            if (sum < target && sizes[i] < 8)
            {
                sizes[i]++;
                sum++;
            }
            else if (sum > target && sizes[i] > 1)
            {
                sizes[i]--;
                sum--;
            }
        }

        var sequences = new Dictionary<int, int>();
        var perGrid = new int[world.Grids.Count];
        var foreignSerial = 0;
        for (var h = 0; h < homes.Count; h++)
        {
            var room = homes[h];
            var building = world.Buildings[room.BuildingId - 1];
            var household = new Household
            {
                Id = h + 1,
                RoomId = room.Id,
                GridId = room.GridId,
                BuildingId = room.BuildingId,
                Number = building.Code + "-" + room.Number,
                MemberCount = sizes[h],
            };
            world.Households.Add(household);
            var rental = room.Use == RoomUse.Rental;
            var type = random.NextDouble() switch
            {
                var x when x < (rental ? 0.04 : 0.004) => ResidentType.Foreign,
                var x when x < (rental ? 0.67 : 0.095) => ResidentType.Migrant,
                _ => ResidentType.Registered,
            };
            string? familySurname = null;
            foreach (var (age, male, relation) in Compose(random, sizes[h], type))
            {
                var birth = world.Today.AddDays(-(int)(age * 365.25) - random.Next(365));
                var surname = relation == Relation.Family && familySurname is not null ? familySurname : ChineseNames.Surname(random);
                familySurname ??= surname;
                var name = type == ResidentType.Foreign && household.Residents.Count == 0 && random.Chance(0.5)
                    ? ForeignName(random, male)
                    : ChineseNames.FullName(random, male, surname);
                string idNumber;
                if (type == ResidentType.Foreign)
                {
                    idNumber = "P" + (++foreignSerial).ToString("D8", CultureInfo.InvariantCulture);
                }
                else
                {
                    var key = (birth.DayNumber * 2) + (male ? 1 : 0);
                    sequences.TryGetValue(key, out var seq);
                    sequences[key] = seq + 1;
                    idNumber = CitizenIdNumber.Create(DemoWorld.DistrictCode, birth, male, seq);
                }
                var years = AgeOn(birth, world.Today);
                var groups = KeyGroups.None;
                if (years >= 60)
                {
                    groups |= KeyGroups.Aged60Plus;
                    if (sizes[h] == 1)
                    {
                        groups |= KeyGroups.LivingAlone;
                        if (random.Chance(0.3))
                        {
                            groups |= KeyGroups.LeftBehind;
                        }
                    }
                }
                if (years < 18)
                {
                    groups |= KeyGroups.Child;
                    if (relation == Relation.Family && random.Chance(0.06))
                    {
                        groups |= KeyGroups.LeftBehind;
                    }
                }
                if (random.Chance(years >= 60 ? 0.06 : 0.018))
                {
                    groups |= KeyGroups.Disabled;
                }
                if (years >= 18 && random.Chance(0.012))
                {
                    groups |= KeyGroups.SpecialCare;
                }
                var resident = new Resident
                {
                    Id = world.Residents.Count + 1,
                    HouseholdId = household.Id,
                    GridId = room.GridId,
                    Name = name,
                    IdNumber = idNumber,
                    IdNumberHash = IdNumberHasher.Hash(idNumber),
                    Phone = years >= 14 && random.Chance(years >= 75 ? 0.7 : 0.95) ? ChineseNames.MobileNumber(random) : null,
                    Gender = male ? Gender.Male : Gender.Female,
                    BirthDate = birth,
                    Type = type,
                    KeyGroups = groups,
                    IsPartyMember = type != ResidentType.Foreign && years >= 18 && random.Chance(years >= 50 ? 0.13 : 0.065),
                    IsHouseholdHead = household.Residents.Count == 0,
                };
                household.Residents.Add(resident);
                world.Residents.Add(resident);
                perGrid[room.GridId - 1]++;
            }
        }
        world.ResidentsPerGrid = perGrid;
    }

    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day))
        {
            age--;
        }
        return age;
    }

    private enum Relation
    {
        Head,
        Spouse,
        Family,
        Other,
    }

    /// <summary>Ages and genders of a household of <paramref name="size"/> people.</summary>
    private static IEnumerable<(int Age, bool Male, Relation Relation)> Compose(Random random, int size, ResidentType type)
    {
        var migrant = type != ResidentType.Registered;
        if (size == 1)
        {
            yield return random.Chance(migrant ? 0.1 : 0.5)
                ? (random.Next(60, 93), random.Chance(0.4), Relation.Head)
                : (random.Next(19, 50), random.Chance(0.6), Relation.Head);
            yield break;
        }
        var headMale = random.Chance(0.72);
        int headAge;
        if (size == 2)
        {
            var kind = random.NextDouble();
            if (kind < (migrant ? 0.15 : 0.55))
            {
                headAge = random.Next(58, 90);
                yield return (headAge, headMale, Relation.Head);
                yield return (Math.Clamp(headAge + random.Next(-5, 4), 50, 98), !headMale, Relation.Spouse);
            }
            else if (kind < 0.85)
            {
                headAge = random.Next(22, 45);
                yield return (headAge, headMale, Relation.Head);
                yield return (Math.Clamp(headAge + random.Next(-4, 3), 20, 60), !headMale, Relation.Spouse);
            }
            else
            {
                headAge = random.Next(30, 52);
                yield return (headAge, random.Chance(0.3), Relation.Head);
                yield return (random.Next(0, Math.Min(18, headAge - 21)), random.Chance(0.52), Relation.Family);
            }
            yield break;
        }
        headAge = random.Next(27, 52);
        yield return (headAge, headMale, Relation.Head);
        yield return (Math.Clamp(headAge + random.Next(-4, 3), 22, 70), !headMale, Relation.Spouse);
        var remaining = size - 2;
        var grandparents = size >= 5 ? Math.Min(remaining - 1, random.Next(1, 3)) : size == 4 && random.Chance(0.4) ? 1 : 0;
        for (var g = 0; g < grandparents; g++)
        {
            yield return (Math.Min(98, headAge + random.Next(22, 34)), g == 0 ? random.Chance(0.4) : false, g == 0 ? Relation.Family : Relation.Other);
            remaining--;
        }
        for (var c = 0; c < remaining; c++)
        {
            yield return (Math.Max(0, headAge - random.Next(22, 36) + (c * random.Next(0, 4))), random.Chance(0.52), Relation.Family);
        }
    }

    private static string ForeignName(Random random, bool male)
    {
        string[] men = ["John Smith", "Kim Min-jun", "Ivan Petrov", "Nguyen Van An", "Ahmed Khan", "Tanaka Hiroshi", "David Miller", "Lee Jae-won"];
        string[] women = ["Anna Ivanova", "Park Ji-yeon", "Maria Garcia", "Tran Thi Mai", "Sato Yuki", "Emily Brown", "Olga Sokolova", "Choi Soo-ah"];
        return random.Pick(male ? men : women);
    }
}
