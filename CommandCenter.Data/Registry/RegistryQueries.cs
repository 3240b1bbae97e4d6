using CommandCenter.Data.Analytics;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using CommandCenter.Data.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Registry;

/// <summary>
/// The registries (人、地、物、组织) of one hierarchy node, for the registry page and API: paged, searched on the server and
/// returned as read records with names, ID numbers and phones masked, never entities. Callers check that the node lies in
/// the user's scope (<see cref="HierarchyCode.IsWithin"/>); the edits in <c>RegistryQueries.Edits.cs</c> check it again per record.
/// </summary>
public sealed partial class RegistryQueries(
    IDbContextFactory<CommandCenterDbContext> contextFactory, AuditLog audit, TimeProvider time, Security.InstallationSecrets secrets)
{
    /// <summary>The key groups of each list: 一老 60岁以上/独居, 一小 未成年/留守, 一特 残疾/特殊关爱.</summary>
    public static KeyGroups GroupsOf(KeyGroupList list) => list switch
    {
        KeyGroupList.Elderly => KeyGroups.Aged60Plus | KeyGroups.LivingAlone,
        KeyGroupList.Young => KeyGroups.Child | KeyGroups.LeftBehind,
        _ => KeyGroups.Disabled | KeyGroups.SpecialCare,
    };

    /// <summary>The node (district, street, community or grid) with its path and children; null when the code names none.</summary>
    public async Task<RegistryNode?> NodeAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!HierarchyCode.IsValid(code))
        {
            return null;
        }
        await using var db = await CreateAsync(cancellationToken);
        var path = await AnalyticsReader.PathAsync(db, code, cancellationToken);
        if (path.Count == 0)
        {
            return null;
        }
        var prefix = code;
        List<AnalyticsNode> children = path[^1].Level switch
        {
            HierarchyLevel.District => await db.Streets.Where(s => s.Code.StartsWith(prefix)).OrderBy(s => s.Code)
                .Select(s => new AnalyticsNode(s.Code, s.Name, HierarchyLevel.Street)).ToListAsync(cancellationToken),
            HierarchyLevel.Street => await db.Communities.Where(c => c.Code.StartsWith(prefix)).OrderBy(c => c.Code)
                .Select(c => new AnalyticsNode(c.Code, c.Name, HierarchyLevel.Community)).ToListAsync(cancellationToken),
            HierarchyLevel.Community => await db.Grids.Where(g => g.Code.StartsWith(prefix)).OrderBy(g => g.Code)
                .Select(g => new AnalyticsNode(g.Code, g.Name, HierarchyLevel.Grid)).ToListAsync(cancellationToken),
            _ => [],
        };
        return new RegistryNode(path[^1], path, children);
    }

    /// <summary>The district's code (the node of an unscoped caller who names none), or null before a district exists.</summary>
    public async Task<string?> DistrictCodeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await CreateAsync(cancellationToken);
        return await db.Districts.OrderBy(d => d.Id).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<RegistryCounts> CountsAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await CreateAsync(cancellationToken);
        return await RegistryCounts.QueryAsync(db, code, cancellationToken);
    }

    /// <summary>
    /// Residents of the node. <paramref name="search"/> is a name (part of one) or a whole ID number, which is compared by
    /// its keyed hash (<see cref="IdNumberHasher"/>), never as plain text; <paramref name="anyOf"/> keeps members of those key groups.
    /// </summary>
    public async Task<RegistryResultPage<ResidentRecord>> ResidentsAsync(
        string code, string? search, KeyGroups anyOf, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await CreateAsync(cancellationToken);
        var residents = InNode(db, db.Residents, code, r => r.GridId);
        search = search?.Trim();
        if (LooksLikeIdNumber(search))
        {
            var hash = IdNumberHasher.Hash(search!, secrets.IdNumberHashKey);
            residents = residents.Where(r => r.IdNumberHash == hash);
        }
        else if (!string.IsNullOrEmpty(search))
        {
            residents = residents.Where(r => r.Name.Contains(search));
        }
        if (anyOf != KeyGroups.None)
        {
            residents = residents.Where(r => (r.KeyGroups & anyOf) != 0);
        }
        var total = await residents.CountAsync(cancellationToken);
        pageSize = RegistryResultPage<ResidentRecord>.ClampSize(pageSize);
        page = Math.Max(0, page);
        var rows = await (
            from r in residents.OrderBy(r => r.GridId).ThenBy(r => r.HouseholdId).ThenByDescending(r => r.IsHouseholdHead).ThenBy(r => r.Id)
                .Skip(page * pageSize).Take(pageSize)
            join g in db.Grids on r.GridId equals g.Id
            join h in db.Households on r.HouseholdId equals h.Id
            join room in db.Rooms on h.RoomId equals room.Id
            join b in db.Buildings on h.BuildingId equals b.Id
            select new
            {
                r.Id, r.Name, r.IdNumber, r.Phone, r.Gender, r.BirthDate, r.Type, r.KeyGroups, r.IsPartyMember, r.IsHouseholdHead,
                GridCode = g.Code, GridName = g.Name, BuildingCode = b.Code, Room = room.Number, Household = h.Number,
            }).ToListAsync(cancellationToken);
        var today = ChinaDay.Of(time.GetUtcNow().UtcDateTime);
        var items = rows
            .OrderBy(r => r.GridCode, StringComparer.Ordinal).ThenBy(r => r.Household, StringComparer.Ordinal).ThenByDescending(r => r.IsHouseholdHead).ThenBy(r => r.Id)
            .Select(r => new ResidentRecord(
                r.Id, PersonalDataMask.Name(r.Name)!, PersonalDataMask.IdNumber(r.IdNumber)!, PersonalDataMask.Phone(r.Phone), r.Gender, AnalyticsReader.Age(r.BirthDate, today),
                r.Type, r.KeyGroups, r.IsPartyMember, r.IsHouseholdHead, r.GridCode, r.GridName, r.BuildingCode, r.Room, r.Household))
            .ToList();
        return new RegistryResultPage<ResidentRecord>(items, total, page, pageSize);
    }

    public async Task<RegistryResultPage<BuildingRecord>> BuildingsAsync(string code, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await CreateAsync(cancellationToken);
        var buildings = InNode(db, db.Buildings, code, b => b.GridId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            buildings = buildings.Where(b => b.Name.Contains(text) || b.Address.Contains(text) || b.Code.StartsWith(text));
        }
        return await PageAsync(
            from b in buildings.OrderBy(b => b.Code)
            join g in db.Grids on b.GridId equals g.Id
            select new BuildingRecord(b.Id, b.Code, b.Name, b.Address, b.Floors, b.Units, g.Code, g.Name,
                db.Rooms.Count(r => r.BuildingId == b.Id), db.Residents.Count(r => r.Household!.BuildingId == b.Id)),
            buildings, page, pageSize, cancellationToken);
    }

    public async Task<RegistryResultPage<PlaceRecord>> PlacesAsync(string code, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await CreateAsync(cancellationToken);
        var places = InNode(db, db.Places, code, p => p.GridId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            places = places.Where(p => p.Name.Contains(text) || p.Address.Contains(text));
        }
        return await PageAsync(
            from p in places.OrderBy(p => p.GridId).ThenBy(p => p.Id)
            join g in db.Grids on p.GridId equals g.Id
            select new PlaceRecord(p.Id, p.Name, p.Kind, p.IsKeyPlace, p.Address, g.Code, g.Name),
            places, page, pageSize, cancellationToken);
    }

    public async Task<RegistryResultPage<ComponentRecord>> ComponentsAsync(string code, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await CreateAsync(cancellationToken);
        var components = InNode(db, db.CityComponents, code, c => c.GridId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            components = components.Where(c => c.Code.StartsWith(text) || c.MinorName.Contains(text) || c.MajorName.Contains(text) || c.Owner.Contains(text));
        }
        return await PageAsync(
            from c in components.OrderBy(c => c.Code)
            join g in db.Grids on c.GridId equals g.Id
            select new ComponentRecord(c.Id, c.Code, c.MajorName, c.MinorName, c.State, c.Owner, g.Code, g.Name),
            components, page, pageSize, cancellationToken);
    }

    public async Task<RegistryResultPage<OrganizationRecord>> OrganizationsAsync(string code, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await CreateAsync(cancellationToken);
        var organizations = code.Length <= HierarchyCode.DistrictLength ? db.Organizations : db.Organizations.Where(o => o.AreaCode.StartsWith(code));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            organizations = organizations.Where(o => o.Name.Contains(text) || (o.Industry != null && o.Industry.Contains(text)));
        }
        return await PageAsync(
            organizations.OrderBy(o => o.AreaCode).ThenBy(o => o.Kind).ThenBy(o => o.Id)
                .Select(o => new OrganizationRecord(o.Id, o.Name, o.Kind, o.AreaCode, o.CreditCode, o.Industry, o.MemberCount, o.FoundedOn)),
            organizations, page, pageSize, cancellationToken);
    }

    /// <summary>The key-group counts of every grid of the node, the grids grid workers visit first listed first.</summary>
    public async Task<IReadOnlyList<KeyGroupGrid>> KeyGroupGridsAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await CreateAsync(cancellationToken);
        var counts = await InNode(db, db.Residents, code, r => r.GridId).Where(r => r.KeyGroups != KeyGroups.None).GroupBy(r => r.GridId).Select(g => new
        {
            g.Key,
            Aged = g.Count(r => (r.KeyGroups & KeyGroups.Aged60Plus) != 0),
            Alone = g.Count(r => (r.KeyGroups & KeyGroups.LivingAlone) != 0),
            Child = g.Count(r => (r.KeyGroups & KeyGroups.Child) != 0),
            LeftBehind = g.Count(r => (r.KeyGroups & KeyGroups.LeftBehind) != 0),
            Disabled = g.Count(r => (r.KeyGroups & KeyGroups.Disabled) != 0),
            Special = g.Count(r => (r.KeyGroups & KeyGroups.SpecialCare) != 0),
        }).ToDictionaryAsync(x => x.Key, cancellationToken);
        var grids = await InNode(db, db.Grids, code, g => g.Id).OrderBy(g => g.Code).Select(g => new { g.Id, g.Code, g.Name }).ToListAsync(cancellationToken);
        return [.. grids.Select(g => counts.TryGetValue(g.Id, out var c)
            ? new KeyGroupGrid(g.Code, g.Name, c.Aged, c.Alone, c.Child, c.LeftBehind, c.Disabled, c.Special)
            : new KeyGroupGrid(g.Code, g.Name, 0, 0, 0, 0, 0, 0))];
    }

    /// <summary>An 18-character citizen number (or 15 digits of the old format): searched by hash, not by name.</summary>
    public static bool LooksLikeIdNumber(string? text) =>
        text is { Length: 15 or 18 } && text[..^1].All(char.IsAsciiDigit) && (char.IsAsciiDigit(text[^1]) || text[^1] is 'X' or 'x');

    private static IQueryable<T> InNode<T>(CommandCenterDbContext db, IQueryable<T> rows, string code, System.Linq.Expressions.Expression<Func<T, int>> gridId)
    {
        if (code.Length <= HierarchyCode.DistrictLength)
        {
            return rows;
        }
        var grids = db.Grids.Where(g => g.Code.StartsWith(code)).Select(g => g.Id);
        // rows.Where(x => grids.Contains(gridId(x))), composed as an expression so EF translates it to IN (subquery).
        var parameter = gridId.Parameters[0];
        var contains = System.Linq.Expressions.Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int)], grids.Expression, gridId.Body);
        return rows.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(contains, parameter));
    }

    private static async Task<RegistryResultPage<TRecord>> PageAsync<TRecord, TRow>(
        IQueryable<TRecord> records, IQueryable<TRow> rows, int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = RegistryResultPage<TRecord>.ClampSize(pageSize);
        page = Math.Max(0, page);
        var total = await rows.CountAsync(cancellationToken);
        var items = await records.Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new RegistryResultPage<TRecord>(items, total, page, pageSize);
    }

    private async Task<CommandCenterDbContext> CreateAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return db;
    }
}
