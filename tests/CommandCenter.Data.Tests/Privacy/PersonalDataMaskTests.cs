using CommandCenter.Data.Privacy;

namespace CommandCenter.Data.Tests.Privacy;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("张三 13812345678 610202199001011234", "张三 138****5678 610202********1234")]
    [InlineData("回电 138-1234-5678 或 +86 139 1234 5678", "回电 138****5678 或 +86 139****5678")]
    [InlineData("身份证61020219900101123X，旧证610202900101123", "身份证610202********123X，旧证610202*****1123")]
    [InlineData("门牌 12 号，井盖编号 6102020101000123", "门牌 12 号，井盖编号 6102020101000123")]
    [InlineData("订单 2138123456789 不是手机号", "订单 2138123456789 不是手机号")]
    [InlineData("没有数字", "没有数字")]
    [InlineData("", "")]
    public void Free_text_loses_its_ID_and_mobile_numbers_and_keeps_the_rest(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMask.FreeText(text));

    [Fact]
    public void Null_stays_null() => Assert.Null(PersonalDataMask.FreeText(null));
}
