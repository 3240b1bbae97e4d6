using CommandCenter.Data.Imports.Reading;
using CommandCenter.Data.People;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>
/// 人员: 网格员 become grid workers keyed by 工号 (their area must be a grid); other posts become staff members keyed by
/// 姓名 + 手机号, working for any hierarchy node.
/// </summary>
public sealed class StaffImport : ISheetImport
{
    private const string GridWorkerPost = "网格员";

    private static readonly IReadOnlyDictionary<string, StaffRole?> Posts = new Dictionary<string, StaffRole?>
    {
        [GridWorkerPost] = null, ["网格助理员"] = StaffRole.GridAssistant, ["社区工作者"] = StaffRole.CommunityWorker,
        ["社区书记"] = StaffRole.CommunitySecretary, ["街道干部"] = StaffRole.StreetOfficer, ["职能部门人员"] = StaffRole.DepartmentOfficer,
        ["值班员"] = StaffRole.DutyOfficer,
    };

    public ImportTemplate Template => ImportTemplates.Staff;

    public async Task ImportAsync(ImportSession session, Sheet sheet, CancellationToken cancellationToken)
    {
        var db = session.Db;
        var grids = await ImportLookups.GridsAsync(db, cancellationToken);
        var areas = new HashSet<string>(grids.Keys, StringComparer.Ordinal);
        areas.UnionWith(await db.Districts.Select(d => d.Code).ToListAsync(cancellationToken));
        areas.UnionWith(await db.Streets.Select(s => s.Code).ToListAsync(cancellationToken));
        areas.UnionWith(await db.Communities.Select(c => c.Code).ToListAsync(cancellationToken));
        var workers = await db.GridWorkers.AsNoTracking().ToDictionaryAsync(w => w.EmployeeNumber, StringComparer.Ordinal, cancellationToken);
        var staff = await ImportLookups.OldestByKeyAsync(db.StaffMembers.AsNoTracking(), s => s.Id, s => (s.Name, s.Phone), cancellationToken);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var check in ImportLookups.Checks(session, sheet))
        {
            var number = check.Text("工号", 24, required: false);
            var name = check.Text("姓名", 32);
            var phone = PersonRules.Mobile(check, "手机号", required: true);
            var postText = check.Cell("岗位");
            var isWorker = postText == GridWorkerPost;
            var role = isWorker ? null : check.Choice("岗位", Posts.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value));
            var area = check.Text("所属区划编码", 15);
            var party = check.YesNo("党员");
            if (area.Length > 0 && !areas.Contains(area))
            {
                check.Reject("所属区划编码", $"区划编码“{area}”不存在。");
            }
            else if (isWorker && area.Length > 0 && !grids.ContainsKey(area))
            {
                check.Reject("所属区划编码", "网格员的所属区划编码应为 15 位网格编码。");
            }
            if (isWorker && number.Length == 0)
            {
                check.Reject("工号", "网格员的工号不能为空。");
            }
            var key = isWorker ? "W:" + number : $"S:{name}:{phone}";
            if (!check.Failed)
            {
                ImportLookups.FirstOccurrence(check, seen, key, isWorker ? "工号" : "姓名", isWorker ? $"工号“{number}”" : "同名同手机号的人员");
            }
            if (check.Failed)
            {
                continue;
            }
            if (isWorker)
            {
                var worker = new GridWorker { EmployeeNumber = number, Name = name, Phone = phone!, GridId = grids[area].Id, IsPartyMember = party };
                KeyedUpsert.Apply(session, workers, number, worker, (current, next) =>
                {
                    next.UserId = current.UserId;
                    next.IsActive = current.IsActive;
                });
            }
            else
            {
                var member = new StaffMember { Name = name, Phone = phone!, Role = role!.Value, AreaCode = area };
                KeyedUpsert.Apply(session, staff, (name, phone!), member, (current, next) =>
                {
                    next.UserId = current.UserId;
                    next.HandlingUnitId = current.HandlingUnitId;
                });
            }
            await session.FlushIfFullAsync(cancellationToken);
        }
        await session.FlushAsync(cancellationToken);
    }
}
