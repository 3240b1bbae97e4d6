using CommandCenter.Data.Demo.IdNumbers;
using CommandCenter.Data.Imports.Reading;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>
/// 居民: keyed by the ID-number hash. Gender and birth date come from the ID number; the room (building + 房号) and the
/// household (one per room unless 户号 is given) are created when missing; households' member counts are recounted.
/// </summary>
public sealed class ResidentImport(Security.InstallationSecrets? secrets = null) : ISheetImport
{
    /// <summary>The installation's ID-number key; the demo key without installation secrets (tests).</summary>
    private readonly byte[] _idNumberKey = secrets?.IdNumberHashKey ?? IdNumberHasher.DefaultKey;

    public ImportTemplate Template => ImportTemplates.Residents;

    public async Task ImportAsync(ImportSession session, Sheet sheet, CancellationToken cancellationToken)
    {
        var db = session.Db;
        var places = await RoomDirectory.LoadAsync(db, cancellationToken);
        var grids = await ImportLookups.GridsAsync(db, cancellationToken);
        var existing = await db.Residents.AsNoTracking().ToDictionaryAsync(r => r.IdNumberHash, StringComparer.Ordinal, cancellationToken);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var hasHouseholdNumber = sheet.Columns.IndexOf("户号") >= 0;
        var hasHead = sheet.Columns.IndexOf("户主") >= 0;
        var hasGender = sheet.Columns.IndexOf("性别") >= 0;
        var hasBirth = sheet.Columns.IndexOf("出生日期") >= 0;

        foreach (var check in ImportLookups.Checks(session, sheet))
        {
            var name = check.Text("姓名", 32);
            var type = check.Choice("人口类型", PersonRules.ResidentTypes);
            var idNumber = PersonRules.IdNumber(check, "身份证号", type == ResidentType.Foreign, session.Today);
            var phone = PersonRules.Mobile(check, "手机号", required: false);
            var grid = ImportLookups.Grid(check, "网格编码", grids);
            var building = places.Building(check, "楼栋编号");
            var roomNumber = check.Text("房号", 24);
            var keyGroups = PersonRules.KeyGroups(check, "重点人群");
            var partyMember = check.YesNo("党员");
            var householdNumber = hasHouseholdNumber ? check.Text("户号", 32, required: false) : string.Empty;
            bool? head = hasHead && check.Cell("户主").Length > 0 ? check.YesNo("户主") : null;
            if (grid is not null && building is not null && building.GridId != grid.Id)
            {
                check.Reject("楼栋编号", $"楼栋“{building.Code}”不在网格“{grid.Code}”内。");
            }

            var isCitizenId = idNumber.Length == 18 && CitizenIdNumber.IsValid(idNumber);
            var gender = isCitizenId ? (CitizenIdNumber.IsMale(idNumber) ? Gender.Male : Gender.Female) : (Gender?)null;
            DateOnly? birth = isCitizenId && CitizenIdNumber.TryGetBirthDate(idNumber, out var b) ? b : null;
            if (hasGender && check.Cell("性别") is { Length: > 0 } givenGender && gender is { } g && givenGender != (g == Gender.Male ? "男" : "女"))
            {
                check.Reject("性别", $"性别“{givenGender}”与身份证号不一致。");
            }
            if (hasBirth && check.Cell("出生日期").Length > 0 && check.Date("出生日期") is { } givenBirth && birth is { } fromId && givenBirth != fromId)
            {
                check.Reject("出生日期", "出生日期与身份证号不一致。");
            }

            var hash = idNumber.Length > 0 ? IdNumberHasher.Hash(idNumber, _idNumberKey) : string.Empty;
            if (hash.Length > 0 && !check.Failed)
            {
                ImportLookups.FirstOccurrence(check, seen, hash, "身份证号", "身份证号");
            }
            if (check.Failed)
            {
                continue;
            }

            var room = places.RoomFor(session, building!, roomNumber);
            var household = places.HouseholdFor(check, session, room, building!, householdNumber);
            if (household is null)
            {
                continue;
            }
            if (existing.TryGetValue(hash, out var resident))
            {
                var changed = resident.Name != name || resident.IdNumber != idNumber || resident.Phone != phone || resident.GridId != grid!.Id
                    || resident.HouseholdId != household.Id || household.Id == 0 || resident.Type != type || resident.KeyGroups != keyGroups
                    || resident.IsPartyMember != partyMember || (head is { } h && resident.IsHouseholdHead != h)
                    || (gender is { } ge && resident.Gender != ge) || (birth is { } bd && resident.BirthDate != bd);
                if (!changed)
                {
                    continue;
                }
                resident.Name = name;
                resident.IdNumber = idNumber;
                resident.Phone = phone;
                resident.GridId = grid!.Id;
                resident.Type = type!.Value;
                resident.KeyGroups = keyGroups;
                resident.IsPartyMember = partyMember;
                resident.IsHouseholdHead = head ?? resident.IsHouseholdHead;
                resident.Gender = gender ?? resident.Gender;
                resident.BirthDate = birth ?? resident.BirthDate;
                Link(resident, household);
                session.Update(resident);
            }
            else
            {
                resident = new Resident
                {
                    Name = name, IdNumber = idNumber, IdNumberHash = hash, Phone = phone, GridId = grid!.Id, Type = type!.Value,
                    KeyGroups = keyGroups, IsPartyMember = partyMember, Gender = gender ?? Gender.Female, BirthDate = birth ?? default,
                    IsHouseholdHead = head ?? places.TakeFirstMember(household),
                };
                Link(resident, household);
                existing[hash] = resident;
                session.Insert(resident);
            }
            await session.FlushIfFullAsync(cancellationToken);
        }
        await session.FlushAsync(cancellationToken);
        if (!session.DryRun)
        {
            await RoomDirectory.RecountMembersAsync(db, cancellationToken);
        }
    }

    /// <summary>By key when the household is saved, by navigation when it is new in this batch.</summary>
    private static void Link(Resident resident, Household household)
    {
        if (household.Id != 0)
        {
            resident.HouseholdId = household.Id;
            resident.Household = null;
        }
        else
        {
            resident.Household = household;
        }
    }
}
