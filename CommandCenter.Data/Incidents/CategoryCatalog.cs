using System.Globalization;

namespace CommandCenter.Data.Incidents;

/// <summary>
/// The incident categories every installation starts with: 部件 and 事件 大类/小类 after GB/T 30428.2
/// (ex-CJ/T 214), plus the social-governance extensions of GB/T 31000 ("X"). They are data: seeded once by
/// <see cref="ReferenceDataSeeder"/>, then editable.
/// </summary>
public static class CategoryCatalog
{
    /// <summary>SLA overrides in minutes (respond, reply, resolve); null keeps the configured 15/30/1440 defaults.</summary>
    private sealed record Major(CategoryKind Kind, string Code, string Name, string[] Minors, int? Respond = null, int? Reply = null, int? Resolve = null);

    private static readonly Major[] Majors =
    [
        // 部件问题 (GB/T 30428.2 部件 大类).
        new(CategoryKind.Component, "01", "公用设施", ["上水井盖", "污水井盖", "雨水井盖", "电力井盖", "通信井盖", "燃气井盖", "消防栓", "路灯", "变压器箱"]),
        new(CategoryKind.Component, "02", "道路交通", ["停车场", "公交站亭", "过街天桥", "交通标志牌", "交通信号灯", "道路护栏", "地下通道"]),
        new(CategoryKind.Component, "03", "市容环境", ["公共厕所", "垃圾箱", "垃圾收集站", "报刊亭", "公共座椅", "户外广告设施"]),
        new(CategoryKind.Component, "04", "园林绿化", ["古树名木", "行道树", "绿地", "花坛", "城市雕塑"]),
        new(CategoryKind.Component, "05", "房屋土地", ["公房", "人防工事", "宣传栏"]),
        new(CategoryKind.Component, "06", "其他设施", ["重大危险源", "工地围挡", "水域护栏", "健身设施"]),

        // 事件问题 (GB/T 30428.2 事件 大类).
        new(CategoryKind.Event, "01", "市容环境", ["私搭乱建", "暴露垃圾", "积存垃圾渣土", "道路不洁", "水域不洁", "焚烧垃圾树叶", "油烟扰民"]),
        new(CategoryKind.Event, "02", "宣传广告", ["非法小广告", "违规张贴悬挂广告", "占道广告牌", "街头散发广告"]),
        new(CategoryKind.Event, "03", "施工管理", ["施工扰民", "工地扬尘", "道路遗撒", "违规占道施工", "无证掘路"]),
        new(CategoryKind.Event, "04", "街面秩序", ["无照经营游商", "店外经营", "占道废品收购", "机动车乱停放", "非机动车乱停放", "露天烧烤", "乞讨卖艺"]),
        new(CategoryKind.Event, "05", "突发事件", ["路面塌陷", "自来水管破裂", "燃气管道泄漏", "下水道堵塞", "道路积水", "火灾", "道路积雪结冰"], Respond: 10, Reply: 20, Resolve: 720),

        // 社会治理扩展 (GB/T 31000 "X").
        new(CategoryKind.Governance, "01", "矛盾纠纷", ["邻里纠纷", "婚姻家庭纠纷", "物业纠纷", "劳资纠纷", "房屋土地纠纷", "消费纠纷"]),
        new(CategoryKind.Governance, "02", "安全隐患", ["消防安全隐患", "燃气安全隐患", "电动车违规充电", "高空坠物隐患", "危房隐患", "食品安全隐患"]),
        new(CategoryKind.Governance, "03", "民生服务", ["供水问题", "供暖问题", "供电问题", "物业服务", "社会保障", "就业帮扶", "医疗卫生"]),
        new(CategoryKind.Governance, "04", "特殊人群", ["独居老人异常", "留守儿童关爱", "社区矫正人员", "精神障碍患者", "残疾人帮扶"]),
        new(CategoryKind.Governance, "05", "SOS", ["一键呼叫求助", "跌倒报警", "健康异常告警"], Respond: 5, Reply: 10, Resolve: 120),
    ];

    /// <summary>The letter that makes a category code unique across kinds.</summary>
    public static char KindLetter(CategoryKind kind) => kind switch
    {
        CategoryKind.Component => 'C',
        CategoryKind.Event => 'E',
        _ => 'G',
    };

    /// <summary>New (unsaved) category entities, without Ids, in catalogue order.</summary>
    public static IReadOnlyList<IncidentCategory> Create()
    {
        var list = new List<IncidentCategory>(96);
        foreach (var major in Majors)
        {
            for (var i = 0; i < major.Minors.Length; i++)
            {
                var minorCode = (i + 1).ToString("D2", CultureInfo.InvariantCulture);
                list.Add(new IncidentCategory
                {
                    Code = $"{KindLetter(major.Kind)}{major.Code}{minorCode}",
                    Kind = major.Kind,
                    MajorCode = major.Code,
                    MajorName = major.Name,
                    MinorCode = minorCode,
                    MinorName = major.Minors[i],
                    RespondMinutes = major.Respond,
                    ReplyMinutes = major.Reply,
                    ResolveMinutes = major.Resolve,
                    SortOrder = list.Count + 1,
                });
            }
        }
        return list;
    }
}
