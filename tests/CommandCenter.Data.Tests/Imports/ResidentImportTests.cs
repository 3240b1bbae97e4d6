using System.Text;
using CommandCenter.Data.Imports;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CommandCenter.Data.Tests.Imports;

public class ResidentImportTests
{
    private static byte[] Residents(int count, Func<int, string[]>? row = null) =>
        ImportHarness.Csv(ImportHarness.ResidentHeaders, Enumerable.Range(0, count).Select(i => row?.Invoke(i) ?? ImportHarness.Resident(i)));

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_file_applies_creates_rooms_and_households_and_a_second_import_changes_nothing(DatabaseProvider provider)
    {
        await using var harness = await ImportHarness.CreateAsync(provider, batchSize: 100);
        var file = Residents(250);

        var (first, errors) = await harness.RunAsync(ImportKind.Residents, "residents.csv", file);
        Assert.Equal(ImportStatus.Succeeded, first.Status);
        Assert.Empty(errors);
        Assert.Equal((250, 250, 0, 0), (first.TotalRows, first.Inserted, first.Updated, first.Rejected));
        await using (var db = harness.Database.CreateContext())
        {
            Assert.Equal(250, await db.Residents.CountAsync());
            var rooms = await db.Rooms.CountAsync();
            Assert.Equal(rooms, await db.Households.CountAsync());
            Assert.Equal(250, await db.Households.SumAsync(h => h.MemberCount));
            Assert.True(await db.Households.AllAsync(h => h.MemberCount == db.Residents.Count(r => r.HouseholdId == h.Id)));
            var sample = await db.Residents.SingleAsync(r => r.Name == "居民1");
            Assert.Equal(Gender.Female, sample.Gender);
            Assert.Equal(new DateOnly(1950, 1, 2), sample.BirthDate);
            Assert.Equal(IdNumberHasher.Hash(sample.IdNumber), sample.IdNumberHash);
        }
        Assert.Contains(harness.Notices, n => n.Kind == CommandCenter.Data.Live.ChangeKind.ReferenceDataChanged && n.EntityId == first.Id);

        var (second, _) = await harness.RunAsync(ImportKind.Residents, "residents.csv", file);
        Assert.Equal((250, 0, 0, 0), (second.TotalRows, second.Inserted, second.Updated, second.Rejected));

        var corrected = Residents(250, i => i == 7 ? ImportHarness.Resident(i, "改名居民") : ImportHarness.Resident(i));
        var (third, _) = await harness.RunAsync(ImportKind.Residents, "residents.csv", corrected);
        Assert.Equal((0, 1), (third.Inserted, third.Updated));
        await using (var db = harness.Database.CreateContext())
        {
            Assert.Equal(250, await db.Residents.CountAsync());
            Assert.Equal(1, await db.Residents.CountAsync(r => r.Name == "改名居民"));
        }
    }

    [Fact]
    public async Task Every_rule_rejects_its_row_with_a_masked_reason_and_the_other_rows_apply()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = harness.Database.CreateContext())
        {
            var other = await db.Grids.SingleAsync();
            var grid = new CommandCenter.Data.Hierarchy.Grid { CommunityId = other.CommunityId, StreetId = other.StreetId, Code = "610202001001002", Name = "第二网格", Boundary = other.Boundary };
            db.Grids.Add(grid);
            await db.SaveChangesAsync();
            db.Buildings.Add(new Building { GridId = grid.Id, Code = "6102020010010020001", Name = "2号楼", Address = "青年路2号", Floors = 5, Latitude = 35, Longitude = 109 });
            await db.SaveChangesAsync();
        }
        var good = ImportHarness.Resident(1);
        string[] With(int column, string value, int index = 2)
        {
            var row = ImportHarness.Resident(index);
            row[column] = value;
            return row;
        }
        var badCheckDigit = good[1][..17] + (good[1][17] == '0' ? '1' : '0');
        var rows = new List<string[]>
        {
            good,                                                        // row 2
            With(1, badCheckDigit, 3),                                   // 3: check digit
            With(1, "61020219501301123X", 4),                            // 4: birth date
            With(1, "6102021950", 5),                                    // 5: length
            With(2, "2390000111", 6),                                    // 6: mobile
            With(3, "610202001001999", 7),                               // 7: unknown grid
            With(4, "6102020010010019999", 8),                           // 8: unknown building
            With(4, "6102020010010020001", 9),                           // 9: building in another grid
            ImportHarness.Resident(1, "重复的人"),                         // 10: duplicate ID number
            With(6, "常住", 11),                                          // 11: resident type
            With(7, "60岁以上、低收入", 12),                                // 12: key group
            With(8, "也许", 13),                                          // 13: party member
            With(0, "", 14),                                             // 14: name
            With(1, "６１０２０２" + ImportHarness.Resident(15)[1][6..], 15), // 15: full-width digits are fine
        };
        var (run, errors) = await harness.RunAsync(ImportKind.Residents, "bad.csv", ImportHarness.Csv(ImportHarness.ResidentHeaders, rows));

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal((14, 2, 12), (run.TotalRows, run.Inserted, run.Rejected));
        string At(int row) => string.Join(" | ", errors.Where(e => e.Row == row).Select(e => $"{e.Column}: {e.Message}"));
        Assert.Contains("校验位", At(3));
        Assert.Contains("出生日期", At(4));
        Assert.Contains("18 位", At(5));
        Assert.Contains("手机号", At(6));
        Assert.Contains("网格编码", At(7));
        Assert.Contains("楼栋编号", At(8));
        Assert.Contains("不在网格", At(9));
        Assert.Contains("第 2 行重复", At(10));
        Assert.Contains("人口类型", At(11));
        Assert.Contains("低收入", At(12));
        Assert.Contains("是", At(13));
        Assert.Contains("姓名", At(14));
        Assert.Empty(At(15));
        Assert.All(errors, e => Assert.DoesNotContain(badCheckDigit, e.Message));
        Assert.Contains(PersonalDataMask(badCheckDigit), At(3));
        Assert.DoesNotContain("2390000111", At(6));
    }

    private static string PersonalDataMask(string id) => CommandCenter.Data.Privacy.PersonalDataMask.IdNumber(id)!;

    [Fact]
    public async Task A_dry_run_counts_and_writes_nothing()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        var (run, _) = await harness.RunAsync(ImportKind.Residents, "residents.csv", Residents(40), dryRun: true);
        Assert.Equal((ImportStatus.Succeeded, 40, 40), (run.Status, run.TotalRows, run.Inserted));
        await using var db = harness.Database.CreateContext();
        Assert.Equal(0, await db.Residents.CountAsync());
        Assert.Equal(0, await db.Rooms.CountAsync());
        Assert.Empty(harness.Notices);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_database_failure_on_the_last_row_rolls_the_whole_file_back(DatabaseProvider provider)
    {
        await using var harness = await ImportHarness.CreateAsync(provider, batchSize: 100);
        // A real failure inside the database: a trigger that aborts the insert of the file's last resident.
        await using (var db = harness.Database.CreateContext())
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("""
                    CREATE TRIGGER fail_last BEFORE INSERT ON "Residents" WHEN NEW."Name" = '居民249'
                    BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;
                    """);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("""
                    CREATE FUNCTION fail_last() RETURNS trigger AS $$
                    BEGIN IF NEW."Name" = '居民249' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
                    CREATE TRIGGER fail_last BEFORE INSERT ON "Residents" FOR EACH ROW EXECUTE FUNCTION fail_last();
                    """);
            }
        }
        var (run, _) = await harness.RunAsync(ImportKind.Residents, "residents.csv", Residents(250));

        Assert.Equal(ImportStatus.Failed, run.Status);
        Assert.Contains("未写入", run.Message);
        await using var check = harness.Database.CreateContext();
        Assert.Equal(0, await check.Residents.CountAsync());
        Assert.Equal(0, await check.Rooms.CountAsync());
        Assert.Equal(0, await check.Households.CountAsync());
        Assert.Empty(harness.Notices);
    }

    [Fact]
    public async Task Running_an_ended_run_again_changes_nothing()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        var (run, _) = await harness.RunAsync(ImportKind.Residents, "residents.csv", Residents(10));
        Assert.Equal(ImportStatus.Succeeded, await harness.Runner.RunAsync(run.Id, CancellationToken.None));
        var (again, _) = await harness.ReadAsync(run.Id);
        Assert.Equal((run.Inserted, run.FinishedAt), (again.Inserted, again.FinishedAt));
    }

    [Fact]
    public async Task GB18030_and_UTF8_BOM_files_read_the_same_names()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030");
        var (gbRun, gbErrors) = await harness.RunAsync(ImportKind.Residents, "gb.csv",
            ImportHarness.Csv(ImportHarness.ResidentHeaders, [ImportHarness.Resident(1, "王秀英")], gb));
        var (bomRun, bomErrors) = await harness.RunAsync(ImportKind.Residents, "bom.csv",
            ImportHarness.Csv(ImportHarness.ResidentHeaders, [ImportHarness.Resident(2, "張三豐")], bom: true));
        Assert.Empty(gbErrors);
        Assert.Empty(bomErrors);
        Assert.Equal((1, 1), (gbRun.Inserted, bomRun.Inserted));
        await using var db = harness.Database.CreateContext();
        Assert.Equal(["張三豐", "王秀英"], await db.Residents.Select(r => r.Name).OrderBy(n => n).ToListAsync());
    }

    [Fact]
    public async Task An_xlsx_file_imports_with_columns_in_any_order_and_extra_columns()
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        var rows = Enumerable.Range(0, 30).Select(i =>
        {
            var cells = ImportHarness.Resident(i);
            var row = new Dictionary<string, object> { ["备注"] = "无" };
            foreach (var (header, index) in ImportHarness.ResidentHeaders.Select((h, k) => (h, k)).Reverse())
            {
                row[header] = cells[index];
            }
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        var (run, errors) = await harness.RunAsync(ImportKind.Residents, "residents.xlsx", stream.ToArray());
        Assert.Empty(errors);
        Assert.Equal((ImportStatus.Succeeded, 30, 30), (run.Status, run.TotalRows, run.Inserted));
    }

    [Theory]
    [InlineData("residents.csv", "姓名,身份证号\r\n王,1\r\n", "手机号")]
    [InlineData("residents.xlsx", "this is not a zip", "XLSX")]
    [InlineData("residents.csv", "\0\0\0binary", "二进制")]
    [InlineData("residents.pdf", "%PDF", ".xlsx")]
    public async Task A_file_that_is_not_what_it_claims_fails_with_a_reason_and_imports_nothing(string fileName, string content, string reason)
    {
        await using var harness = await ImportHarness.CreateAsync(DatabaseProvider.Sqlite);
        var (run, _) = await harness.RunAsync(ImportKind.Residents, fileName, Encoding.UTF8.GetBytes(content));
        Assert.Equal(ImportStatus.Failed, run.Status);
        Assert.Contains(reason, run.Message);
        await using var db = harness.Database.CreateContext();
        Assert.Equal(0, await db.Residents.CountAsync());
    }
}
