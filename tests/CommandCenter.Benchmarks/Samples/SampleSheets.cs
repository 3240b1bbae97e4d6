using System.Globalization;
using CommandCenter.Data.Demo.IdNumbers;
using CommandCenter.Data.Demo.Names;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Organizations;

namespace CommandCenter.Benchmarks.Samples;

/// <summary>A sheet: Chinese headers and rows of text, in the import formats of issue 13.</summary>
public sealed record SampleSheet(string Name, IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows);

/// <summary>
/// The registries of the sample district (buildings, rooms, residents, places, components, organisations, staff),
/// generated deterministically from one seed. Ages are as of <see cref="AsOf"/>.
/// </summary>
public static class SampleSheets
{
    public static readonly DateOnly AsOf = new(2026, 12, 1);

    private static readonly string[] Estates = ["劳动小区", "丰禾家园", "星火新村", "大庆花园", "桃园公寓", "红庙坡小区", "西航家属院", "莲湖苑", "丰庆嘉园", "未央锦苑"];
    private static readonly string[] Roads = ["劳动南路", "丰禾路", "星火路", "大庆路", "桃园北路", "红庙坡路", "枣园东路", "丰登路"];
    private static readonly string[] MigrantRegions = ["610202", "610502", "411302", "622621", "612701", "140106"];
    private static readonly string[] ForeignRegions = ["961410", "961392", "961840"];

    public static IReadOnlyList<SampleSheet> Build(IReadOnlyList<SampleNode> streets, IReadOnlyList<SampleNode> communities, IReadOnlyList<SampleNode> grids, int seed = 13)
    {
        var random = new Random(seed);
        var buildings = new List<string[]>();
        var rooms = new List<string[]>();
        var residents = new List<string[]>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var idSequence = 0;
        var road = 0;
        foreach (var grid in grids)
        {
            for (var b = 1; b <= 3; b++)
            {
                var code = grid.Code + b.ToString("D4", CultureInfo.InvariantCulture);
                var point = SampleDistrict.PointIn(random, grid);
                int[] heights = [6, 7, 11, 18, 24];
                var floors = heights[random.Next(heights.Length)];
                var units = random.Next(1, 4);
                var estate = Estates[(buildings.Count / 3) % Estates.Length];
                var address = $"{Roads[road++ % Roads.Length]}{random.Next(1, 300)}号{estate}{b}号楼";
                buildings.Add([code, $"{estate}{b}号楼", grid.Code, address, Text(floors), SampleDistrict.Coordinate(point.Longitude), SampleDistrict.Coordinate(point.Latitude)]);
                var used = new HashSet<string>(StringComparer.Ordinal);
                var roomCount = random.Next(2, 5);
                while (used.Count < roomCount)
                {
                    var unit = random.Next(1, units + 1);
                    var floor = random.Next(1, floors + 1);
                    var number = string.Create(CultureInfo.InvariantCulture, $"{unit}-{floor:D2}-{floor:D2}{random.Next(1, 5):D2}");
                    if (!used.Add(number))
                    {
                        continue;
                    }
                    var use = random.NextDouble() switch
                    {
                        < 0.72 => "自住",
                        < 0.88 => "出租",
                        < 0.93 when floor == 1 => "商用",
                        _ => "空置",
                    };
                    rooms.Add([code, number, Text(unit), Text(floor), (45 + (random.Next(190) * 0.5)).ToString("F1", CultureInfo.InvariantCulture), use]);
                    if (use is "自住" or "出租")
                    {
                        AddHousehold(random, residents, ids, ref idSequence, grid.Code, code, number, rental: use == "出租");
                    }
                }
            }
        }
        return
        [
            new("buildings", ["楼栋编号", "名称", "网格编码", "地址", "层数", "经度", "纬度"], buildings),
            new("rooms", ["楼栋编号", "房号", "单元", "楼层", "面积", "用途"], rooms),
            new("residents", ["姓名", "身份证号", "手机号", "网格编码", "楼栋编号", "房号", "人口类型", "重点人群", "党员", "户号", "户主"], residents),
            new("places", ["名称", "类型", "网格编码", "地址", "经度", "纬度", "重点场所"], Places(random, grids)),
            new("components", ["部件编码", "大类名称", "小类名称", "网格编码", "状态", "权属单位", "经度", "纬度"], Components(random, grids)),
            new("organizations", ["名称", "类型", "网格编码", "统一社会信用代码", "行业", "成员数", "成立日期"], Organizations(random, grids)),
            new("staff", ["工号", "姓名", "手机号", "岗位", "所属区划编码", "党员"], Staff(random, streets, communities, grids)),
        ];
    }

    private static void AddHousehold(Random random, List<string[]> residents, HashSet<string> ids, ref int idSequence, string gridCode, string buildingCode, string roomNumber, bool rental)
    {
        var size = random.NextDouble() switch { < 0.2 => 1, < 0.5 => 2, < 0.8 => 3, < 0.95 => 4, _ => 5 };
        var type = rental ? (random.Next(10) == 0 ? "境外" : "流动") : (random.Next(12) == 0 ? "流动" : "户籍");
        var region = type switch
        {
            "户籍" => SampleDistrict.DistrictCode,
            "流动" => MigrantRegions[random.Next(MigrantRegions.Length)],
            _ => ForeignRegions[random.Next(ForeignRegions.Length)],
        };
        var headAge = Safe(random.Next(22, 88));
        var grandparents = headAge >= 60 && size == 3 && random.Next(2) == 0;
        var surname = ChineseNames.Surname(random);
        var household = buildingCode + "-" + roomNumber;
        var headMale = random.Next(2) == 0;
        for (var m = 0; m < size; m++)
        {
            var (age, male, ownSurname) = m switch
            {
                0 => (headAge, headMale, true),
                1 => (Safe(Math.Max(20, headAge + random.Next(-4, 4))), !headMale, false),
                _ when grandparents || headAge >= 50 && headAge < 60 => (Safe(random.Next(3, 16)), random.Next(2) == 0, true),
                _ when headAge >= 60 => (Safe(random.Next(30, headAge - 20)), random.Next(2) == 0, true),
                _ => (Safe(random.Next(0, Math.Min(17, headAge - 20))), random.Next(2) == 0, true),
            };
            var name = ownSurname ? ChineseNames.FullName(random, male, surname) : ChineseNames.FullName(random, male);
            var birth = AsOf.AddYears(-age).AddDays(-random.Next(1, 360));
            string id;
            do
            {
                id = CitizenIdNumber.Create(region, birth, male, idSequence++);
            }
            while (!ids.Add(id));
            var groups = new List<string>();
            if (age >= 60)
            {
                groups.Add("60岁以上");
                if (size == 1)
                {
                    groups.Add("独居");
                }
            }
            if (age < 18)
            {
                groups.Add("未成年");
                if (grandparents)
                {
                    groups.Add("留守");
                }
            }
            if (random.Next(33) == 0)
            {
                groups.Add("残疾");
            }
            if (age >= 18 && random.Next(50) == 0)
            {
                groups.Add("特殊关爱");
            }
            var phone = age < 12 ? "" : ChineseNames.MobileNumber(random);
            var party = age >= 18 && random.Next(12) == 0 ? "是" : "否";
            residents.Add([name, id, phone, gridCode, buildingCode, roomNumber, type, string.Join(',', groups), party, household, m == 0 ? "是" : "否"]);
        }
    }

    /// <summary>Keeps ages a year away from the 18 and 60 boundaries, so the key groups stay right for a while after <see cref="AsOf"/>.</summary>
    private static int Safe(int age) => age switch { 17 => 16, 59 => 58, 60 => 61, _ => age };

    private static List<string[]> Places(Random random, IReadOnlyList<SampleNode> grids)
    {
        (string Name, string Kind, bool Key)[] places =
        [
            ("示范区第一中学", "学校", true), ("劳动路小学", "学校", true), ("星火路小学", "学校", true), ("丰禾幼儿园", "幼儿园", true),
            ("红庙坡幼儿园", "幼儿园", true), ("示范区人民医院", "医院", true), ("桃园社区卫生服务站", "医院", false), ("大庆路农贸市场", "市场", true),
            ("丰禾路便民市场", "市场", false), ("星火颐养院", "养老机构", true), ("劳动南路日间照料中心", "养老机构", false), ("桃园广场", "广场", false),
            ("红庙坡文化广场", "广场", false), ("大庆路公交枢纽站", "车站", true), ("丰禾路地铁站", "车站", true), ("桃园加油站", "重点场所", true),
            ("星火网吧", "重点场所", true), ("丰禾KTV", "重点场所", true), ("红庙坡液化气供应站", "重点场所", true), ("大庆路汽车站", "车站", true),
        ];
        var rows = new List<string[]>();
        for (var i = 0; i < places.Length; i++)
        {
            var grid = grids[(i * 7) % grids.Count];
            var point = SampleDistrict.PointIn(random, grid);
            rows.Add([places[i].Name, places[i].Kind, grid.Code, $"{Roads[i % Roads.Length]}{random.Next(1, 300)}号", SampleDistrict.Coordinate(point.Longitude),
                SampleDistrict.Coordinate(point.Latitude), places[i].Key ? "是" : "否"]);
        }
        return rows;
    }

    private static List<string[]> Components(Random random, IReadOnlyList<SampleNode> grids)
    {
        var kinds = CategoryCatalog.Create().Where(c => c.Kind == CategoryKind.Component).ToList();
        var serials = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<string[]>();
        foreach (var grid in grids)
        {
            for (var i = 0; i < 4; i++)
            {
                var kind = kinds[random.Next(kinds.Count)];
                var key = kind.MajorCode + kind.MinorCode;
                serials[key] = serials.GetValueOrDefault(key) + 1;
                var point = SampleDistrict.PointIn(random, grid);
                var state = random.NextDouble() switch { < 0.8 => "完好", < 0.88 => "破损", < 0.91 => "丢失", < 0.97 => "维修中", _ => "已拆除" };
                rows.Add([SampleDistrict.DistrictCode + key + serials[key].ToString("D6", CultureInfo.InvariantCulture), kind.MajorName, kind.MinorName, grid.Code, state,
                    Owner(kind), SampleDistrict.Coordinate(point.Longitude), SampleDistrict.Coordinate(point.Latitude)]);
            }
        }
        return rows;
    }

    private static string Owner(IncidentCategory kind) => kind.MinorName switch
    {
        var m when m.Contains("燃气", StringComparison.Ordinal) => "示范区燃气公司",
        var m when m.Contains("电力", StringComparison.Ordinal) || m.Contains("变压器", StringComparison.Ordinal) => "国网示范区供电公司",
        var m when m.Contains("通信", StringComparison.Ordinal) => "中国电信示范区分公司",
        _ => kind.MajorCode switch
        {
            "01" => "区市政公用设施管理中心",
            "02" => "区交通运输局",
            "03" => "区城市管理和综合执法局",
            "04" => "区园林绿化服务中心",
            "05" => "区住房和城乡建设局",
            _ => "区应急管理局",
        },
    };

    private static List<string[]> Organizations(Random random, IReadOnlyList<SampleNode> grids)
    {
        string[] firms = ["鑫源商贸有限公司", "恒达餐饮管理有限公司", "华信网络科技有限公司", "宏远建筑工程有限公司", "金泰物流有限公司", "瑞丰家政服务有限公司", "永盛建材有限公司", "众诚商务咨询有限公司"];
        string[] industries = ["批发和零售业", "住宿和餐饮业", "信息技术服务业", "建筑业", "交通运输业", "居民服务业", "制造业", "租赁和商务服务业"];
        var rows = new List<string[]>();
        void Add(string name, string kind, SampleNode grid, string creditKind, string industry, int members) =>
            rows.Add([name, kind, grid.Code, creditKind.Length == 0 ? "" : CreditCode.Create(random, creditKind, SampleDistrict.DistrictCode), industry, Text(members),
                new DateOnly(1995 + random.Next(30), random.Next(1, 13), random.Next(1, 29)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        for (var i = 0; i < 10; i++)
        {
            Add(grids[i * 2].Name + "党支部", "党组织", grids[i * 2], "", "", random.Next(8, 40));
        }
        for (var i = 0; i < firms.Length; i++)
        {
            Add("西安" + firms[i], "非公企业", grids[((i * 3) + 1) % grids.Count], "91", industries[i], random.Next(5, 120));
        }
        (string Name, string Kind, int Grid, string Credit, string Industry, int MinMembers, int MaxMembers)[] others =
        [
            ("示范区邻里互助协会", "社会组织", 4, "52", "社会服务", 10, 60),
            ("示范区老年书画协会", "社会组织", 9, "52", "文化艺术", 10, 60),
            ("示范区青少年成长服务中心", "社会组织", 14, "52", "社会服务", 10, 60),
            ("西安丰禾物业服务有限公司", "物业公司", 5, "91", "房地产业", 20, 80),
            ("西安星火物业管理有限公司", "物业公司", 11, "91", "房地产业", 20, 80),
            ("西安大庆物业服务有限公司", "物业公司", 17, "91", "房地产业", 20, 80),
            ("劳动小区业主委员会", "业主委员会", 0, "", "", 5, 11),
            ("丰禾家园业主委员会", "业主委员会", 6, "", "", 5, 11),
            ("桃园街道志愿服务队", "志愿服务队", 2, "", "", 20, 90),
            ("红庙坡志愿服务队", "志愿服务队", 12, "", "", 20, 90),
            ("桃园街道应急救援队", "应急队伍", 3, "", "", 15, 40),
            ("红庙坡街道应急救援队", "应急队伍", 13, "", "", 15, 40),
        ];
        foreach (var o in others)
        {
            Add(o.Name, o.Kind, grids[o.Grid], o.Credit, o.Industry, random.Next(o.MinMembers, o.MaxMembers));
        }
        return rows;
    }

    private static List<string[]> Staff(Random random, IReadOnlyList<SampleNode> streets, IReadOnlyList<SampleNode> communities, IReadOnlyList<SampleNode> grids)
    {
        var rows = new List<string[]>();
        void Add(string number, string post, string code) =>
            rows.Add([number, ChineseNames.FullName(random, random.Next(2) == 0), ChineseNames.MobileNumber(random), post, code, random.Next(3) == 0 ? "是" : "否"]);
        foreach (var grid in grids)
        {
            Add("WG" + grid.Code, "网格员", grid.Code);
        }
        foreach (var community in communities)
        {
            Add("SQ" + community.Code, "社区工作者", community.Code);
        }
        foreach (var street in streets)
        {
            Add("JD" + street.Code, "街道干部", street.Code);
        }
        Add("ZB" + SampleDistrict.DistrictCode + "01", "值班员", SampleDistrict.DistrictCode);
        Add("ZB" + SampleDistrict.DistrictCode + "02", "值班员", SampleDistrict.DistrictCode);
        return rows;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
