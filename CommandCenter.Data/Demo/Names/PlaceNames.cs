namespace CommandCenter.Data.Demo.Names;

/// <summary>Names of streets, communities, estates and roads in the style of an old industrial district of Shaanxi.</summary>
public static class PlaceNames
{
    private static readonly string[] StreetWords =
    [
        "七一路", "红旗街", "桃园", "青年路", "王家河", "王益", "黄堡", "北关", "川口", "印台", "新华", "建设路",
        "人民路", "东风", "西坡", "南市", "河东", "金华", "龙山", "文化路", "三里洞", "李家塔", "漆水", "焦坪",
    ];

    private static readonly string[] CommunityWords =
    [
        "红旗", "饮马湖", "北市", "南市", "七一", "东风", "青年", "新村", "桃园", "和平", "友谊", "建设", "幸福", "团结",
        "光明", "朝阳", "红星", "工农", "矿务", "电厂", "水泥厂", "陶瓷", "东坡", "西山", "人民", "解放", "文化", "胜利",
        "向阳", "金谷", "惠民", "健康", "兴园", "锦绣", "安居", "三里洞", "王石凹", "李家塔", "川口", "大营", "史家河",
        "王家河", "五一", "北坡", "南关", "钟楼", "药王", "漆水", "柳湾", "北街", "焦坪", "安乐", "崔家沟", "金锁",
        "红土", "沙坪", "古城", "长虹", "新兴", "天宝", "华原", "锦阳", "秦岭", "渭北", "宜君", "鸿源", "德馨", "盛世",
    ];

    private static readonly string[] EstateWords =
    [
        "阳光", "锦绣", "翠苑", "金色", "东方", "华府", "紫薇", "丽景", "福地", "颐和", "康居", "馨园", "矿工", "电厂",
        "铁路", "供电", "教师", "医院", "税务", "邮电", "嘉园", "世纪", "盛景", "御景", "枫林", "碧水", "铜川", "秦川",
    ];

    private static readonly string[] EstateSuffixes = ["小区", "家属院", "花园", "苑", "新村", "公寓"];

    private static readonly string[] RoadWords =
    [
        "红旗街", "七一路", "青年路", "新华路", "建设路", "人民路", "北关路", "东风路", "南市路", "川口路", "黄堡街", "王益大道",
        "朝阳路", "光明路", "团结路", "胜利街", "河东街", "金谷路", "漆水路", "三里洞路", "五一路", "解放路",
    ];

    private const string Digits = "零一二三四五六七八九";

    public static string StreetName(int index)
    {
        var word = StreetWords[index % StreetWords.Length];
        var round = index / StreetWords.Length;
        var name = round == 0 ? word : word + ChineseNumber(round + 1);
        return index % 7 == 6 && round == 0 ? name + "镇" : name + "街道";
    }

    public static string CommunityName(int index)
    {
        var word = CommunityWords[index % CommunityWords.Length];
        var round = index / CommunityWords.Length;
        return round == 0 ? word + "社区" : word + ChineseNumber(round + 1) + "社区";
    }

    public static string GridName(string communityName, int sequence) => $"{communityName}第{ChineseNumber(sequence)}网格";

    public static string EstateName(Random random) =>
        EstateWords[random.Next(EstateWords.Length)] + EstateSuffixes[random.Next(EstateSuffixes.Length)];

    public static string Road(Random random) => RoadWords[random.Next(RoadWords.Length)];

    /// <summary>1 → 一, 12 → 十二, 35 → 三十五, 120 → 一百二十.</summary>
    public static string ChineseNumber(int n)
    {
        if (n <= 0)
        {
            return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (n < 10)
        {
            return Digits[n].ToString();
        }
        if (n < 20)
        {
            return "十" + (n % 10 == 0 ? "" : Digits[n % 10].ToString());
        }
        if (n < 100)
        {
            return Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10].ToString());
        }
        if (n < 1000)
        {
            var rest = n % 100;
            var tail = rest == 0 ? "" : rest < 10 ? "零" + Digits[rest] : (rest < 20 ? "一" : "") + ChineseNumber(rest);
            return Digits[n / 100] + "百" + tail;
        }
        return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
