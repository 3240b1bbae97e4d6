using System.Globalization;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Live;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Incidents;

/// <summary>An incident category as the administrators' pages and API show it.</summary>
public sealed record CategoryRecord(
    int Id, string Code, CategoryKind Kind, string MajorCode, string MajorName, string MinorCode, string MinorName,
    int? RespondMinutes, int? ReplyMinutes, int? ResolveMinutes, bool IsActive, int SortOrder)
{
    public static CategoryRecord From(IncidentCategory c) =>
        new(c.Id, c.Code, c.Kind, c.MajorCode, c.MajorName, c.MinorCode, c.MinorName, c.RespondMinutes, c.ReplyMinutes, c.ResolveMinutes, c.IsActive, c.SortOrder);
}

/// <summary>
/// A new category or a change to one. On a change, null fields keep their value; kind and codes are fixed once made
/// (incidents and rollups refer to them). <see cref="ClearSla"/> drops the SLA overrides so the configured ones apply.
/// </summary>
public sealed record CategoryEdit(
    CategoryKind? Kind = null, string? MajorCode = null, string? MajorName = null, string? MinorCode = null, string? MinorName = null,
    int? RespondMinutes = null, int? ReplyMinutes = null, int? ResolveMinutes = null, bool? IsActive = null, int? SortOrder = null,
    bool ClearSla = false);

/// <summary>A handling unit as the administrators' pages and API show it.</summary>
public sealed record HandlingUnitRecord(int Id, string Name, HandlingTier Tier, string AreaCode, string? Contact, bool IsActive)
{
    public static HandlingUnitRecord From(HandlingUnit u) => new(u.Id, u.Name, u.Tier, u.AreaCode, u.Contact, u.IsActive);
}

/// <summary>A new handling unit or a change to one; on a change, null fields keep their value.</summary>
public sealed record HandlingUnitEdit(string? Name = null, HandlingTier? Tier = null, string? AreaCode = null, string? Contact = null, bool? IsActive = null);

/// <summary>
/// Edits the reference data an installation runs on: incident categories (大类/小类, active, SLA overrides) and
/// handling units (name, tier, node served, contact). Every change is audited with before → after and published as a
/// <see cref="ChangeKind.ReferenceDataChanged"/> notice on the live feed, so every node drops what it cached (categories, screens' names) without a restart.
/// </summary>
public sealed class ReferenceDataEditor(IDbContextFactory<CommandCenterDbContext> contexts, AuditLog audit, ILiveFeed feed, TimeProvider time)
{
    public const int MaxSlaMinutes = 60 * 24 * 365;

    public async Task<IReadOnlyList<CategoryRecord>> CategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.IncidentCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(cancellationToken);
        return [.. rows.Select(CategoryRecord.From)];
    }

    public async Task<IReadOnlyList<HandlingUnitRecord>> HandlingUnitsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.HandlingUnits.AsNoTracking().OrderBy(u => u.Tier).ThenBy(u => u.AreaCode).ThenBy(u => u.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(HandlingUnitRecord.From)];
    }

    public async Task<OperationResult<CategoryRecord>> CreateCategoryAsync(CategoryEdit edit, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (edit.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["One of: component, event, governance."];
        }
        CheckTwoDigits(edit.MajorCode, "majorCode", errors);
        CheckTwoDigits(edit.MinorCode, "minorCode", errors);
        CheckName(edit.MajorName, "majorName", required: true, errors);
        CheckName(edit.MinorName, "minorName", required: true, errors);
        CheckSla(edit, errors);
        if (errors.Count > 0)
        {
            return Invalid<CategoryRecord>(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var code = $"{CategoryCatalog.KindLetter(edit.Kind!.Value)}{edit.MajorCode}{edit.MinorCode}";
        if (await db.IncidentCategories.AnyAsync(c => c.Code == code, cancellationToken))
        {
            return new OperationResult<CategoryRecord>(OperationStatus.Conflict, Message: $"Category {code} already exists.");
        }
        var sortOrder = edit.SortOrder ?? (await db.IncidentCategories.MaxAsync(c => (int?)c.SortOrder, cancellationToken) ?? 0) + 1;
        var category = new IncidentCategory
        {
            Code = code,
            Kind = edit.Kind.Value,
            MajorCode = edit.MajorCode!,
            MajorName = edit.MajorName!.Trim(),
            MinorCode = edit.MinorCode!,
            MinorName = edit.MinorName!.Trim(),
            RespondMinutes = edit.RespondMinutes,
            ReplyMinutes = edit.ReplyMinutes,
            ResolveMinutes = edit.ResolveMinutes,
            IsActive = edit.IsActive ?? true,
            SortOrder = sortOrder,
        };
        db.IncidentCategories.Add(category);
        await db.SaveChangesAsync(cancellationToken);
        var created = CategoryRecord.From(category);
        await ChangedAsync(actor, "reference.category.create", "IncidentCategory", created.Id, AuditDiff.Describe(null, created), cancellationToken);
        return OperationResult<CategoryRecord>.Ok(created);
    }

    public async Task<OperationResult<CategoryRecord>> UpdateCategoryAsync(int id, CategoryEdit edit, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        CheckName(edit.MajorName, "majorName", required: false, errors);
        CheckName(edit.MinorName, "minorName", required: false, errors);
        CheckSla(edit, errors);
        if (errors.Count > 0)
        {
            return Invalid<CategoryRecord>(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await db.IncidentCategories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return OperationResult<CategoryRecord>.NotFound($"Category {id} does not exist.");
        }
        if ((edit.Kind is { } kind && kind != category.Kind) || (edit.MajorCode is { } major && major != category.MajorCode)
            || (edit.MinorCode is { } minor && minor != category.MinorCode))
        {
            return OperationResult<CategoryRecord>.Invalid("code", "A category's kind and codes cannot change: incidents refer to them. Deactivate it and create another.");
        }
        if (edit.IsActive == false && category.Code == SosIntakeService.SosCategoryCode)
        {
            return OperationResult<CategoryRecord>.Invalid("isActive", "The SOS category receives the wristband alarms and cannot be deactivated.");
        }

        var before = CategoryRecord.From(category);
        category.MajorName = edit.MajorName?.Trim() ?? category.MajorName;
        category.MinorName = edit.MinorName?.Trim() ?? category.MinorName;
        if (edit.ClearSla)
        {
            (category.RespondMinutes, category.ReplyMinutes, category.ResolveMinutes) = (null, null, null);
        }
        category.RespondMinutes = edit.RespondMinutes ?? category.RespondMinutes;
        category.ReplyMinutes = edit.ReplyMinutes ?? category.ReplyMinutes;
        category.ResolveMinutes = edit.ResolveMinutes ?? category.ResolveMinutes;
        category.IsActive = edit.IsActive ?? category.IsActive;
        category.SortOrder = edit.SortOrder ?? category.SortOrder;
        var after = CategoryRecord.From(category);
        if (after == before)
        {
            return OperationResult<CategoryRecord>.Ok(after);
        }
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(actor, "reference.category.update", "IncidentCategory", id, AuditDiff.Describe(before, after), cancellationToken);
        return OperationResult<CategoryRecord>.Ok(after);
    }

    public async Task<OperationResult<HandlingUnitRecord>> CreateHandlingUnitAsync(HandlingUnitEdit edit, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = await CheckUnitAsync(db, edit, creating: true, cancellationToken);
        if (errors.Count > 0)
        {
            return Invalid<HandlingUnitRecord>(errors);
        }
        var unit = new HandlingUnit
        {
            Name = edit.Name!.Trim(),
            Tier = edit.Tier!.Value,
            AreaCode = edit.AreaCode!.Trim(),
            Contact = Blank(edit.Contact),
            IsActive = edit.IsActive ?? true,
        };
        db.HandlingUnits.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        var created = HandlingUnitRecord.From(unit);
        await ChangedAsync(actor, "reference.unit.create", "HandlingUnit", created.Id, AuditDiff.Describe(null, created), cancellationToken);
        return OperationResult<HandlingUnitRecord>.Ok(created);
    }

    public async Task<OperationResult<HandlingUnitRecord>> UpdateHandlingUnitAsync(int id, HandlingUnitEdit edit, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var unit = await db.HandlingUnits.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return OperationResult<HandlingUnitRecord>.NotFound($"Handling unit {id} does not exist.");
        }
        var errors = await CheckUnitAsync(db, edit, creating: false, cancellationToken);
        if (errors.Count > 0)
        {
            return Invalid<HandlingUnitRecord>(errors);
        }
        var before = HandlingUnitRecord.From(unit);
        unit.Name = edit.Name?.Trim() ?? unit.Name;
        unit.Tier = edit.Tier ?? unit.Tier;
        unit.AreaCode = edit.AreaCode?.Trim() ?? unit.AreaCode;
        unit.Contact = edit.Contact is null ? unit.Contact : Blank(edit.Contact);
        unit.IsActive = edit.IsActive ?? unit.IsActive;
        var after = HandlingUnitRecord.From(unit);
        if (after == before)
        {
            return OperationResult<HandlingUnitRecord>.Ok(after);
        }
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(actor, "reference.unit.update", "HandlingUnit", id, AuditDiff.Describe(before, after), cancellationToken);
        return OperationResult<HandlingUnitRecord>.Ok(after);
    }

    private async Task ChangedAsync(AuditActor actor, string action, string entityType, int id, string detail, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(new AuditRecord(actor.UserId, actor.UserName, action, entityType, id.ToString(CultureInfo.InvariantCulture), detail, actor.RemoteIp),
            cancellationToken);
        await feed.PublishAsync(ChangeNotice.ReferenceData(time.GetUtcNow().UtcDateTime), cancellationToken);
    }

    private static async Task<Dictionary<string, string[]>> CheckUnitAsync(
        CommandCenterDbContext db, HandlingUnitEdit edit, bool creating, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckName(edit.Name, "name", required: creating, errors, maxLength: 64);
        if (creating && edit.Tier is null)
        {
            errors["tier"] = ["Required: grid, community, street, department or district."];
        }
        else if (edit.Tier is { } tier && !Enum.IsDefined(tier))
        {
            errors["tier"] = ["One of: grid, community, street, department, district."];
        }
        if (edit.Contact is { Length: > 64 })
        {
            errors["contact"] = ["At most 64 characters."];
        }
        if (creating && string.IsNullOrWhiteSpace(edit.AreaCode))
        {
            errors["areaCode"] = ["Required: the code of the district, street, community or grid the unit serves."];
        }
        else if (edit.AreaCode is { } area && !await HierarchyTree.ExistsAsync(db, area.Trim(), cancellationToken))
        {
            errors["areaCode"] = [$"No district, street, community or grid has the code '{area.Trim()}'."];
        }
        return errors;
    }


    private static void CheckTwoDigits(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is not { Length: 2 } || !value.All(char.IsAsciiDigit))
        {
            errors[field] = ["Two digits, e.g. 01."];
        }
    }

    private static void CheckName(string? value, string field, bool required, Dictionary<string, string[]> errors, int maxLength = 32)
    {
        if (value is null ? required : string.IsNullOrWhiteSpace(value) || value.Trim().Length > maxLength)
        {
            errors[field] = [$"Required, 1 to {maxLength} characters."];
        }
    }

    private static void CheckSla(CategoryEdit edit, Dictionary<string, string[]> errors)
    {
        foreach (var (field, minutes) in new[] { ("respondMinutes", edit.RespondMinutes), ("replyMinutes", edit.ReplyMinutes), ("resolveMinutes", edit.ResolveMinutes) })
        {
            if (minutes is < 1 or > MaxSlaMinutes)
            {
                errors[field] = [$"Minutes from 1 to {MaxSlaMinutes}, or empty for the configured default."];
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static OperationResult<T> Invalid<T>(Dictionary<string, string[]> errors) =>
        new(OperationStatus.Invalid, Errors: errors, Message: "One or more fields are invalid.");
}
