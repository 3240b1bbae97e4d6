using CommandCenter.Data.Imports;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Tests.Imports;

/// <summary>The registry kinds' rules, each with a bad row; the good rows of the same file apply.</summary>
public class RegistryImportTests
{
    private const string Grid = ImportHarness.GridCode;
    private const string Building = ImportHarness.BuildingCode;

    private static async Task<(ImportRun Run, Func<int, string> At)> ImportAsync(ImportHarness harness, ImportKind kind, params string[][] rows)
    {
        var template = ImportTemplates.For(kind)!;
        var (run, errors) = await harness.RunAsync(kind, "sheet.csv", ImportHarness.Csv(template.Headers, rows));
        Assert.Equal(ImportStatus.Succeeded, run.Status);
        return (run, row => string.Join(" | ", errors.Where(e => e.Row == row).Select(e => $"{e.Column}: {e.Message}")));
    }

    [Fact]
    public async Task Buildings()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        var (run, at) = await ImportAsync(harness, ImportKind.Buildings,
            [Building + "2", "2号楼", Grid, "青年路2号", "6", "109.005", "35.005", "", ""],
            [Building + "3", "3号楼", Grid, "青年路3号", "六", "109.005", "35.005", "", ""],
            [Building + "4", "4号楼", Grid, "青年路4号", "6", "200", "35.005", "", ""],
            [Building + "2", "重复", Grid, "青年路2号", "6", "109.005", "35.005", "", ""],
            [Building + "5", "5号楼", Grid, "青年路5号", "6", "109.005", "35.005", "2", "3000"]);
        Assert.Equal((1, 4), (run.Inserted, run.Rejected));
        Assert.Contains("层数", at(3));
        Assert.Contains("经度", at(4));
        Assert.Contains("第 2 行重复", at(5));
        Assert.Contains("建成年份", at(6));
    }

    [Fact]
    public async Task Rooms_and_households()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        var (rooms, roomAt) = await ImportAsync(harness, ImportKind.Rooms,
            [Building, "1-1-0101", "1", "1", "72.5", "自住"],
            [Building, "1-1-0102", "1", "1", "72.5", "自用"],
            [Building + "9", "1-1-0103", "1", "1", "72.5", "出租"],
            [Building, "1-1-0101", "1", "1", "80", "出租"]);
        Assert.Equal((1, 3), (rooms.Inserted, rooms.Rejected));
        Assert.Contains("用途", roomAt(3));
        Assert.Contains("楼栋编号", roomAt(4));
        Assert.Contains("重复", roomAt(5));

        var (households, householdAt) = await ImportAsync(harness, ImportKind.Households,
            ["H001", Building, "1-1-0101", "是"],
            ["H002", Building, "1-1-0202", "否"],
            ["H001", Building, "1-1-0101", "否"],
            ["H003", Building, "1-1-0303", "不是"]);
        Assert.Equal((2, 2), (households.Inserted, households.Rejected));
        Assert.Contains("重复", householdAt(4));
        Assert.Contains("党员中心户", householdAt(5));
        await using var db = harness.Database.CreateContext();
        Assert.Equal(2, await db.Rooms.CountAsync());
        Assert.True(await db.Households.AnyAsync(h => h.Number == "H001" && h.IsPartyMemberCentre));
    }

    [Fact]
    public async Task Places_components_and_organizations()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        var (places, placeAt) = await ImportAsync(harness, ImportKind.Places,
            ["青年路小学", "学校", Grid, "青年路8号", "109.006", "35.004", "是"],
            ["某场所", "游乐场", Grid, "青年路9号", "109.006", "35.004", "否"],
            ["另一场所", "市场", "610202001001999", "青年路9号", "109.006", "35.004", "否"]);
        Assert.Equal((1, 2), (places.Inserted, places.Rejected));
        Assert.Contains("类型", placeAt(3));
        Assert.Contains("网格编码", placeAt(4));

        var (components, componentAt) = await ImportAsync(harness, ImportKind.Components,
            ["6102020101000001", "公用设施", "上水井盖", Grid, "完好", "市自来水公司", "109.004", "35.006"],
            ["610202010100002", "公用设施", "上水井盖", Grid, "完好", "市自来水公司", "109.004", "35.006"],
            ["6103030101000003", "公用设施", "上水井盖", Grid, "完好", "市自来水公司", "109.004", "35.006"],
            ["6102020101000004", "公用设施", "上水井盖", Grid, "坏了", "市自来水公司", "109.004", "35.006"]);
        Assert.Equal((1, 3), (components.Inserted, components.Rejected));
        Assert.Contains("16 位", componentAt(3));
        Assert.Contains("不一致", componentAt(4));
        Assert.Contains("状态", componentAt(5));

        var (organizations, organizationAt) = await ImportAsync(harness, ImportKind.Organizations,
            ["青年路社区志愿服务队", "志愿服务队", Grid, "", "社区服务", "25", "2019-03-05"],
            ["某公司", "非公企业", Grid, "91610202MA6X", "制造", "10", "2019-03-05"],
            ["某协会", "社会组织", Grid, "", "", "-1", "2019-03-05"],
            ["某物业", "物业公司", Grid, "", "", "5", "去年"]);
        Assert.Equal((1, 3), (organizations.Inserted, organizations.Rejected));
        Assert.Contains("统一社会信用代码", organizationAt(3));
        Assert.Contains("成员数", organizationAt(4));
        Assert.Contains("成立日期", organizationAt(5));
    }
}
