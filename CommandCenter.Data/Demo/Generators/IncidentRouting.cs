using CommandCenter.Data.Incidents;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>Which functional department a category goes to when it leaves the grid, community and street.</summary>
internal static class IncidentRouting
{
    private const string CityManagement = "区城市管理和综合执法局";
    private const string Housing = "区住房和城乡建设局";
    private const string Market = "区市场监督管理局";
    private const string Environment = "市生态环境局王益分局";
    private const string Water = "区水务局";
    private const string Police = "铜川市公安局王益分局";
    private const string Emergency = "区应急管理局";
    private const string CivilAffairs = "区民政局";
    private const string Health = "区卫生健康局";
    private const string Transport = "区交通运输局";
    private const string Justice = "区司法局";
    private const string HumanResources = "区人力资源和社会保障局";
    private const string Fire = "区消防救援大队";
    private const string Power = "国网王益供电公司";
    private const string Gas = "王益区燃气公司";

    public static string DepartmentFor(IncidentCategory category)
    {
        var minor = category.MinorName;
        if (minor.Contains("燃气", StringComparison.Ordinal))
        {
            return Gas;
        }
        if (minor.Contains("消防", StringComparison.Ordinal) || minor == "火灾")
        {
            return Fire;
        }
        if (minor.Contains("电力", StringComparison.Ordinal) || minor.Contains("变压器", StringComparison.Ordinal) || minor == "供电问题")
        {
            return Power;
        }
        if (minor.Contains("水井盖", StringComparison.Ordinal) || minor.Contains("水管", StringComparison.Ordinal) || minor is "供水问题" or "下水道堵塞" or "道路积水")
        {
            return Water;
        }
        if (minor is "交通信号灯" or "机动车乱停放")
        {
            return Police;
        }
        if (minor is "工地扬尘" or "油烟扰民" or "焚烧垃圾树叶")
        {
            return Environment;
        }
        if (minor is "食品安全隐患" or "消费纠纷" or "无照经营游商")
        {
            return Market;
        }
        if (minor is "社会保障" or "就业帮扶" or "劳资纠纷")
        {
            return HumanResources;
        }
        if (minor is "医疗卫生" or "精神障碍患者" or "健康异常告警")
        {
            return Health;
        }
        if (minor is "社区矫正人员")
        {
            return Justice;
        }
        if (minor is "物业服务" or "物业纠纷" or "危房隐患" or "供暖问题")
        {
            return Housing;
        }
        return (category.Kind, category.MajorName) switch
        {
            (CategoryKind.Component, "道路交通") => Transport,
            (CategoryKind.Component, "房屋土地") => Housing,
            (CategoryKind.Component, "其他设施") => Emergency,
            (CategoryKind.Component, _) => CityManagement,
            (CategoryKind.Event, "施工管理") => Housing,
            (CategoryKind.Event, "突发事件") => Emergency,
            (CategoryKind.Event, _) => CityManagement,
            (_, "矛盾纠纷") => Justice,
            (_, "安全隐患") => Emergency,
            _ => CivilAffairs,
        };
    }
}
