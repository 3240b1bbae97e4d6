using CommandCenter.Data.Privacy;

namespace CommandCenter.Data.Tests.Privacy;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("张三 13812345678 610202199001011234", "张* 138****5678 610202********1234")]
    [InlineData("回电 138-1234-5678 或 +86 139 1234 5678", "回电 138****5678 或 +86 139****5678")]
    [InlineData("联系+8613912345678", "联系+86139****5678")]
    [InlineData("身份证61020219900101123X，旧证610202900101123", "身份证610202********123X，旧证610202*****1123")]
    [InlineData("证件号610202200512311234。", "证件号610202********1234。")]
    public void Free_text_loses_its_ID_and_mobile_numbers(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMask.FreeText(text));

    [Theory]
    [InlineData("座机 029-88881234", "座机 029-****1234")]
    [InlineData("座机(029)8888-1234", "座机(029)****1234")]
    [InlineData("座机（029）88881234转", "座机（029）****1234转")]
    [InlineData("电话02988881234", "电话029****1234")]
    [InlineData("电话0298888123 4", "电话029***8123 4")]
    [InlineData("北京 010-6552 1234", "北京 010-****1234")]
    [InlineData("县里 0913 2345678", "县里 0913 ***5678")]
    [InlineData("029 88881234、0917-3456789", "029 ****1234、0917-***6789")]
    public void Free_text_loses_landlines_with_an_area_code(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMask.FreeText(text));

    [Theory]
    [InlineData("卡号 6222 0212 3456 7890 123", "卡号 622202*********0123")]
    [InlineData("卡号6222-0212-3456-7890", "卡号622202******7890")]
    [InlineData("转账到6222600260001072444。", "转账到622260*********2444。")]
    [InlineData("Visa 4111111111111111", "Visa 411111******1111")]
    public void Free_text_loses_bank_card_numbers_keeping_the_issuer_and_last_four(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMask.FreeText(text));

    [Theory]
    [InlineData("门牌 12 号，井盖编号 6102020101000123")]
    [InlineData("订单 2138123456789 不是手机号")]
    [InlineData("事件 20261204000123 已办结")]
    [InlineData("网格 610202001002003 东侧")]
    [InlineData("社区 610202001002 的网格")]
    [InlineData("2026-12-04 08:30 发现，2026年12月4日复查")]
    [InlineData("损失约 12500.50 元，共 3 处，1234567 平方米")]
    [InlineData("服务热线 400-800-1234、800 820 1234、12345")]
    [InlineData("编号 6222021234567890123 未通过校验")]
    [InlineData("设备 SN 1234 5678 共 2 台")]
    [InlineData("0.5 米深，长 010 厘米")]
    [InlineData("18 位流水 123456789012345678")]
    [InlineData("没有数字")]
    [InlineData("")]
    public void Ordinary_numbers_are_left(string text) => Assert.Equal(text, PersonalDataMask.FreeText(text));

    [Fact]
    public void A_title_with_every_kind_keeps_its_words()
    {
        var masked = PersonalDataMask.FreeText("张三 13812345678 610202199001011234 029-88881234 6222 0212 3456 7890 123");

        Assert.Equal("张* 138****5678 610202********1234 029-****1234 622202*********0123", masked);
    }

    [Theory]
    [InlineData("住户张三电话13812345678", "住户张*电话138****5678")]
    [InlineData("联系人：王小明，请回电", "联系人：王**，请回电")]
    [InlineData("居民李四反映楼道堵塞", "居民李*反映楼道堵塞")]
    [InlineData("独居老人欧阳娜娜家中跌倒", "独居老人欧阳**家中跌倒")]
    [InlineData("王小明 13912345678", "王** 139****5678")]
    [InlineData("报告：刘洋（手机 13912345678）", "报告：刘*（手机 139****5678）")]
    [InlineData("赵六身份证610202199001011234", "赵*身份证610202********1234")]
    public void Names_next_to_a_cue_or_a_number_are_masked(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMask.FreeText(text));

    [Theory]
    [InlineData("高空抛物 13812345678", "高空抛物 138****5678")]
    [InlineData("居民楼下水道堵塞", "居民楼下水道堵塞")]
    [InlineData("业主委员会要求整改", "业主委员会要求整改")]
    [InlineData("王府井路口积水", "王府井路口积水")]
    [InlineData("张贴小广告 3 处", "张贴小广告 3 处")]
    public void Words_that_only_start_like_a_name_are_left(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMask.FreeText(text));

    [Fact]
    public void The_records_own_name_is_masked_wherever_the_text_repeats_it()
    {
        Assert.Equal("司马**反映：司马**家门口井盖缺失", PersonalDataMask.FreeText("司马光明反映：司马光明家门口井盖缺失", "司马光明"));
        Assert.Equal("井盖缺失", PersonalDataMask.FreeText("井盖缺失", "张三"));
        Assert.Equal("张三丰路口", PersonalDataMask.FreeText("张三丰路口", "张"));
    }

    [Fact]
    public void Null_stays_null() => Assert.Null(PersonalDataMask.FreeText(null));
}
