using System.Globalization;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.People;
using CommandCenter.Data.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Registry;

/// <summary>Well-known audit actions of the registry.</summary>
public static class RegistryAuditActions
{
    public const string Reveal = "registry.resident.reveal";
    public const string ResidentEdit = "registry.resident.edit";
    public const string BuildingEdit = "registry.building.edit";
}

public sealed partial class RegistryQueries
{
    public const int MaxReasonLength = 200;

    /// <summary>
    /// Reveals one resident's full name, ID number and phone to an actor who may unmask, after a reason; the reveal is
    /// audited (who, which record, why), the audit detail carrying no personal data.
    /// </summary>
    public async Task<OperationResult<RevealedResident>> RevealAsync(int residentId, string? reason, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.MayUnmask)
        {
            return OperationResult<RevealedResident>.OutOfScope() with { Message = "You may not unmask personal data." };
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return OperationResult<RevealedResident>.Invalid("reason", $"Give a reason of 1–{MaxReasonLength} characters.");
        }
        await using var db = await CreateAsync(cancellationToken);
        var row = await (from r in db.Residents
                         join g in db.Grids on r.GridId equals g.Id
                         where r.Id == residentId
                         select new { r.Id, r.Name, r.IdNumber, r.Phone, GridCode = g.Code }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return OperationResult<RevealedResident>.NotFound("No such resident.");
        }
        if (!HierarchyCode.IsWithin(row.GridCode, actor.ScopeCode))
        {
            return OperationResult<RevealedResident>.OutOfScope();
        }
        await audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, RegistryAuditActions.Reveal, nameof(Resident), Id(row.Id),
            $"reason: {reason}", actor.RemoteIp), cancellationToken);
        return OperationResult<RevealedResident>.Ok(new RevealedResident(row.Id, row.Name, row.IdNumber, row.Phone));
    }

    /// <summary>
    /// Edits a resident's phone (null or blank keeps the current one, which the editor only sees masked), type, key groups and
    /// party membership; audited before → after with the phone masked.
    /// </summary>
    public async Task<OperationResult<bool>> EditResidentAsync(int residentId, ResidentEdit edit, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        var phone = string.IsNullOrWhiteSpace(edit.Phone) ? null : edit.Phone.Trim();
        if (phone is not null && !PersonalDataFormats.IsPhone(phone))
        {
            return OperationResult<bool>.Invalid("phone", "The phone number is not valid.");
        }
        if (!Enum.IsDefined(edit.Type) || (edit.KeyGroups & ~AllKeyGroups) != 0)
        {
            return OperationResult<bool>.Invalid("type", "Unknown resident type or key group.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == residentId, cancellationToken);
        if (resident is null)
        {
            return OperationResult<bool>.NotFound("No such resident.");
        }
        if (!await InScopeAsync(db, resident.GridId, actor, cancellationToken))
        {
            return OperationResult<bool>.OutOfScope();
        }
        var before = ResidentSummary(resident.Phone, resident.Type, resident.KeyGroups, resident.IsPartyMember);
        (resident.Phone, resident.Type, resident.KeyGroups, resident.IsPartyMember) = (phone ?? resident.Phone, edit.Type, edit.KeyGroups, edit.IsPartyMember);
        var after = ResidentSummary(resident.Phone, resident.Type, resident.KeyGroups, resident.IsPartyMember);
        if (before == after)
        {
            return OperationResult<bool>.Ok(false);
        }
        // The edit and its audit entry commit in one transaction: neither lands without the other.
        await audit.AppendAsync(db, new AuditRecord(actor.UserId, actor.UserName, RegistryAuditActions.ResidentEdit, nameof(Resident), Id(resident.Id),
            $"{before} → {after}", actor.RemoteIp), cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>Edits a building's name, address and floors; audited before → after.</summary>
    public async Task<OperationResult<bool>> EditBuildingAsync(int buildingId, BuildingEdit edit, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        var name = edit.Name?.Trim() ?? "";
        var address = edit.Address?.Trim() ?? "";
        if (InputRules.TextError(name, 100, required: true) is { } nameError)
        {
            return OperationResult<bool>.Invalid("name", nameError);
        }
        if (InputRules.TextError(address, 200, required: true) is { } addressError)
        {
            return OperationResult<bool>.Invalid("address", addressError);
        }
        if (edit.Floors is < 1 or > 200)
        {
            return OperationResult<bool>.Invalid("floors", "Floors must be 1–200.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var building = await db.Buildings.FirstOrDefaultAsync(b => b.Id == buildingId, cancellationToken);
        if (building is null)
        {
            return OperationResult<bool>.NotFound("No such building.");
        }
        if (!await InScopeAsync(db, building.GridId, actor, cancellationToken))
        {
            return OperationResult<bool>.OutOfScope();
        }
        var before = BuildingSummary(building.Name, building.Address, building.Floors);
        (building.Name, building.Address, building.Floors) = (name, address, edit.Floors);
        var after = BuildingSummary(building.Name, building.Address, building.Floors);
        if (before == after)
        {
            return OperationResult<bool>.Ok(false);
        }
        await audit.AppendAsync(db, new AuditRecord(actor.UserId, actor.UserName, RegistryAuditActions.BuildingEdit, nameof(Places.Building), Id(building.Id),
            $"{before} → {after}", actor.RemoteIp), cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    private const KeyGroups AllKeyGroups = KeyGroups.Aged60Plus | KeyGroups.LivingAlone | KeyGroups.Child | KeyGroups.Disabled | KeyGroups.LeftBehind | KeyGroups.SpecialCare;

    private static async Task<bool> InScopeAsync(CommandCenterDbContext db, int gridId, RegistryActor actor, CancellationToken cancellationToken) =>
        actor.ScopeCode is null
        || HierarchyCode.IsWithin(await db.Grids.Where(g => g.Id == gridId).Select(g => g.Code).FirstOrDefaultAsync(cancellationToken) ?? "", actor.ScopeCode);

    private static string ResidentSummary(string? phone, ResidentType type, KeyGroups groups, bool party) =>
        $"phone={PersonalDataMask.Phone(phone) ?? "-"}; type={type}; keyGroups={groups}; partyMember={party}";

    private static string BuildingSummary(string name, string address, int floors) =>
        string.Create(CultureInfo.InvariantCulture, $"name={name}; address={address}; floors={floors}");

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
