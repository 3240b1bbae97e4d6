namespace CommandCenter.Data.Demo.Names;

/// <summary>Chinese personal names: surnames by their approximate national frequency, given names of one or two characters by gender.</summary>
public static class ChineseNames
{
    // Surname and weight (per mille of the population, rounded); the top 60 cover about 85 %.
    private static readonly (string Surname, int Weight)[] Surnames =
    [
        ("王", 72), ("李", 71), ("张", 68), ("刘", 53), ("陈", 46), ("杨", 33), ("黄", 24), ("赵", 23), ("吴", 21), ("周", 20),
        ("徐", 16), ("孙", 15), ("马", 15), ("朱", 14), ("胡", 13), ("郭", 13), ("何", 12), ("高", 12), ("林", 12), ("罗", 11),
        ("郑", 11), ("梁", 10), ("谢", 9), ("宋", 8), ("唐", 8), ("许", 8), ("韩", 8), ("冯", 7), ("邓", 7), ("曹", 7),
        ("彭", 7), ("曾", 6), ("肖", 6), ("田", 6), ("董", 6), ("袁", 6), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5),
        ("余", 5), ("杜", 5), ("叶", 5), ("程", 5), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4), ("任", 4), ("沈", 4),
        ("姚", 4), ("卢", 4), ("姜", 4), ("崔", 4), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3),
        ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 3), ("付", 3), ("方", 3), ("白", 3), ("邹", 3), ("孟", 3),
        ("雷", 2), ("薛", 2), ("阎", 2), ("段", 2), ("侯", 2), ("武", 2), ("秦", 2), ("牛", 2), ("党", 2), ("师", 1),
        ("拓", 1), ("惠", 1), ("寇", 1), ("宁", 1), ("欧阳", 1), ("司马", 1),
    ];

    private const string MaleChars = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘";
    private const string FemaleChars = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽";

    private static readonly int[] Cumulative = BuildCumulative();

    private static int[] BuildCumulative()
    {
        var c = new int[Surnames.Length];
        var sum = 0;
        for (var i = 0; i < Surnames.Length; i++)
        {
            sum += Surnames[i].Weight;
            c[i] = sum;
        }
        return c;
    }

    public static string Surname(Random random)
    {
        var x = random.Next(Cumulative[^1]);
        var i = Array.BinarySearch(Cumulative, x + 1);
        return Surnames[i >= 0 ? i : ~i].Surname;
    }

    public static string GivenName(Random random, bool male)
    {
        var chars = male ? MaleChars : FemaleChars;
        var first = chars[random.Next(chars.Length)];
        // About a third of given names have one character, more often among the young.
        if (random.Next(100) < 30)
        {
            return first.ToString();
        }
        return string.Concat(first, chars[random.Next(chars.Length)]);
    }

    public static string FullName(Random random, bool male) => Surname(random) + GivenName(random, male);

    public static string FullName(Random random, bool male, string surname) => surname + GivenName(random, male);

    /// <summary>A mainland mobile number: 1[3-9] and 9 more digits.</summary>
    public static string MobileNumber(Random random)
    {
        Span<char> digits = stackalloc char[11];
        digits[0] = '1';
        digits[1] = (char)('3' + random.Next(7));
        for (var i = 2; i < 11; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }
        return new string(digits);
    }
}
