using CommandCenter.Data.Imports;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Tests.Imports;

public class ImportTemplateTests
{
    public static TheoryData<ImportKind> SheetKinds => [.. ImportTemplates.All.Select(t => t.Kind)];

    [Theory]
    [MemberData(nameof(SheetKinds))]
    public async Task Each_template_example_imports_as_xlsx_and_as_csv_and_twice_changes_nothing(ImportKind kind)
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        var template = ImportTemplates.For(kind)!;
        using var xlsx = new MemoryStream();
        ImportTemplates.WriteXlsx(template, xlsx);
        using var csv = new MemoryStream();
        ImportTemplates.WriteCsv(template, csv);

        var (first, errors) = await harness.RunAsync(kind, "template.xlsx", xlsx.ToArray());
        Assert.Equal(ImportStatus.Succeeded, first.Status);
        Assert.Empty(errors);
        Assert.Equal((1, 1, 0), (first.TotalRows, first.Inserted + first.Updated, first.Rejected));
        var (second, _) = await harness.RunAsync(kind, "template.csv", csv.ToArray());
        Assert.Equal((1, 0, 0, 0), (second.TotalRows, second.Inserted, second.Updated, second.Rejected));
    }

    [Fact]
    public async Task The_error_list_writes_as_a_workbook()
    {
        using var stream = new MemoryStream();
        ImportTemplates.WriteErrorsXlsx([new ImportRowError { Row = 3, Column = "身份证号", Message = "校验位不正确" }], stream);
        stream.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("校验位不正确", Assert.Single(rows)["原因"]);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Staff_split_into_grid_workers_and_other_staff()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        var file = ImportHarness.Csv(ImportTemplates.Staff.Headers,
        [
            ["GW0009", "钱网格", "13900009999", "网格员", ImportHarness.GridCode, "是"],
            ["", "孙书记", "13900008888", "社区书记", "610202001001", "是"],
            ["GW0010", "李网格", "13900007777", "网格员", "610202001001", "否"],
            ["", "周某", "13900006666", "保安", "610202", "否"],
        ]);
        var (run, errors) = await harness.RunAsync(ImportKind.Staff, "staff.csv", file);
        Assert.Equal((2, 2), (run.Inserted, run.Rejected));
        Assert.Contains(errors, e => e.Row == 4 && e.Message.Contains("网格编码"));
        Assert.Contains(errors, e => e.Row == 5 && e.Column == "岗位");
        await using var db = harness.Database.CreateContext();
        Assert.Equal(1, await db.GridWorkers.CountAsync(w => w.EmployeeNumber == "GW0009"));
        Assert.Equal(1, await db.StaffMembers.CountAsync(s => s.Role == People.StaffRole.CommunitySecretary));
    }
}
