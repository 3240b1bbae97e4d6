using System.Globalization;
using CommandCenter.Data.Demo.Names;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>Places (schools, hospitals, markets, key places…), city components with GB/T 30428.2 codes, and IoT devices.</summary>
internal static class PlacesGenerator
{
    private sealed record PlaceSpec(PlaceKind Kind, double PerGrid, bool KeyPlace, string[] Names);

    private static readonly PlaceSpec[] PlaceSpecs =
    [
        new(PlaceKind.School, 1 / 12.0, true, ["{0}小学", "{0}中学", "{0}实验学校", "铜川市第{1}中学"]),
        new(PlaceKind.Kindergarten, 1 / 6.0, true, ["{0}幼儿园", "{0}阳光幼儿园", "{0}育才幼儿园"]),
        new(PlaceKind.Hospital, 1 / 25.0, true, ["{0}社区卫生服务中心", "王益区{1}医院", "{0}诊所"]),
        new(PlaceKind.Market, 1 / 10.0, true, ["{0}农贸市场", "{0}综合市场", "{0}便民市场"]),
        new(PlaceKind.ElderlyCare, 1 / 10.0, true, ["{0}日间照料中心", "{0}老年餐桌", "{0}养老服务站"]),
        new(PlaceKind.PublicSquare, 1 / 15.0, false, ["{0}广场", "{0}文化广场", "{0}口袋公园"]),
        new(PlaceKind.Station, 1 / 20.0, true, ["{0}公交站", "{0}公交首末站", "铜川{1}客运站"]),
        new(PlaceKind.RentalHousing, 1 / 3.0, false, ["{0}集中出租房", "{0}群租房{1}号", "{0}公寓"]),
        new(PlaceKind.KeyPlace, 1 / 3.0, true, ["{0}加油站", "{0}网吧", "{0}KTV", "{0}旅馆", "{0}危化品仓库", "{0}建筑工地"]),
    ];

    public static void GeneratePlaces(DemoWorld world)
    {
        var random = world.Stream(20);
        foreach (var spec in PlaceSpecs)
        {
            var count = Math.Max(1, (int)Math.Round(world.Grids.Count * spec.PerGrid));
            for (var i = 0; i < count; i++)
            {
                var grid = world.Grids[random.Next(world.Grids.Count)];
                var community = world.CommunityOf(grid);
                var point = world.PointIn(random, grid.Id);
                var word = community.Name.Replace("社区", "", StringComparison.Ordinal);
                world.Places.Add(new Place
                {
                    Id = world.Places.Count + 1,
                    GridId = grid.Id,
                    Kind = spec.Kind,
                    Name = string.Format(CultureInfo.InvariantCulture, random.Pick(spec.Names), word, PlaceNames.ChineseNumber(i + 1)),
                    Address = $"{world.StreetOf(grid).Name}{PlaceNames.Road(random)}{random.Next(1, 300).ToString(CultureInfo.InvariantCulture)}号",
                    Latitude = point.Latitude,
                    Longitude = point.Longitude,
                    IsKeyPlace = spec.KeyPlace,
                });
            }
        }
    }

    /// <summary>Relative frequency of each component 小类 in a city (manhole covers and trees dominate).</summary>
    private static double ComponentWeight(string minorName) => minorName switch
    {
        "上水井盖" or "污水井盖" or "雨水井盖" => 9,
        "电力井盖" or "通信井盖" or "燃气井盖" => 5,
        "路灯" => 14,
        "行道树" => 14,
        "垃圾箱" => 7,
        "消防栓" => 4,
        "交通标志牌" or "道路护栏" => 4,
        "变压器箱" or "公共座椅" or "宣传栏" or "花坛" => 2,
        "古树名木" or "过街天桥" or "地下通道" or "重大危险源" => 0.15,
        _ => 1,
    };

    public static void GenerateComponents(DemoWorld world)
    {
        var random = world.Stream(21);
        var kinds = world.Categories.Where(c => c.Kind == CategoryKind.Component).ToList();
        var cumulative = DemoRandom.Cumulate(kinds.Select(k => ComponentWeight(k.MinorName)).ToList());
        var serials = new int[kinds.Count];
        var count = world.Count(16_870, 20);
        // Components follow people: weight grids by residents, with a floor for empty ones.
        var gridCumulative = DemoRandom.Cumulate(world.ResidentsPerGrid.Select(r => r + 200.0).ToList());
        var picks = new (int Kind, int Grid)[count];
        for (var i = 0; i < count; i++)
        {
            picks[i] = (random.PickCumulative(cumulative), random.PickCumulative(gridCumulative) + 1);
        }
        foreach (var (k, gridId) in picks.OrderBy(p => p.Grid).ThenBy(p => p.Kind))
        {
            var kind = kinds[k];
            var point = world.PointIn(random, gridId);
            world.Components.Add(new CityComponent
            {
                Id = world.Components.Count + 1,
                GridId = gridId,
                Code = DemoWorld.DistrictCode + kind.MajorCode + kind.MinorCode + (++serials[k]).ToString("D6", CultureInfo.InvariantCulture),
                MajorCode = kind.MajorCode,
                MajorName = kind.MajorName,
                MinorCode = kind.MinorCode,
                MinorName = kind.MinorName,
                State = random.NextDouble() switch
                {
                    < 0.925 => ComponentState.Normal,
                    < 0.965 => ComponentState.Damaged,
                    < 0.975 => ComponentState.Missing,
                    < 0.995 => ComponentState.UnderRepair,
                    _ => ComponentState.Removed,
                },
                Owner = IncidentRouting.DepartmentFor(kind),
                Latitude = point.Latitude,
                Longitude = point.Longitude,
                LastInspectedAt = world.AnchorUtc.AddMinutes(-random.Next(10, 90 * 24 * 60)),
            });
        }
    }

    public static void GenerateDevices(DemoWorld world)
    {
        var random = world.Stream(22);
        void Add(DeviceKind kind, string prefix, int gridId, int? residentId)
        {
            var status = random.NextDouble() switch
            {
                < 0.92 => DeviceStatus.Online,
                < 0.97 => DeviceStatus.Offline,
                < 0.99 => DeviceStatus.Faulty,
                _ => DeviceStatus.Retired,
            };
            world.Devices.Add(new Device
            {
                Id = world.Devices.Count + 1,
                SerialNumber = prefix + (world.Devices.Count + 1).ToString("D8", CultureInfo.InvariantCulture),
                Kind = kind,
                Status = status,
                GridId = gridId,
                ResidentId = residentId,
                LastSeenAt = status == DeviceStatus.Online
                    ? world.AnchorUtc.AddSeconds(-random.Next(5, 900))
                    : world.AnchorUtc.AddMinutes(-random.Next(60, 60 * 24 * 30)),
            });
        }
        // 智能手环 for about 40 % of the elderly living alone.
        foreach (var resident in world.Residents)
        {
            if ((resident.KeyGroups & KeyGroups.LivingAlone) != 0 && random.Chance(0.4))
            {
                Add(DeviceKind.SosWristband, "SW", resident.GridId, resident.Id);
            }
        }
        foreach (var grid in world.Grids)
        {
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                Add(DeviceKind.Camera, "CM", grid.Id, null);
            }
            if (random.Chance(0.5))
            {
                Add(DeviceKind.SmokeSensor, "SM", grid.Id, null);
            }
            if (random.Chance(0.06))
            {
                Add(DeviceKind.WaterLevelSensor, "WL", grid.Id, null);
            }
            if (random.Chance(0.6))
            {
                Add(DeviceKind.DoorSensor, "DS", grid.Id, null);
            }
        }
    }
}
