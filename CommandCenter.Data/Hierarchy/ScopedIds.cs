using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Hierarchy;

/// <summary>
/// Whether an id a caller sends names a record inside the caller's scope. A record outside the scope is answered
/// exactly like one that does not exist, so a scoped key cannot learn which ids exist elsewhere.
/// </summary>
public static class ScopedIds
{
    /// <summary>The grid code of the record <paramref name="gridIds"/> selects, when it exists and lies within <paramref name="scopeCode"/>.</summary>
    public static async Task<bool> ExistsWithinAsync(CommandCenterDbContext db, IQueryable<int> gridIds, string? scopeCode, CancellationToken cancellationToken)
    {
        var code = await (from id in gridIds join g in db.Grids on id equals g.Id select g.Code).FirstOrDefaultAsync(cancellationToken);
        return code is not null && HierarchyCode.IsWithin(code, scopeCode);
    }

    public static Task<bool> PlaceAsync(CommandCenterDbContext db, int placeId, string? scopeCode, CancellationToken cancellationToken) =>
        ExistsWithinAsync(db, db.Places.Where(p => p.Id == placeId).Select(p => p.GridId), scopeCode, cancellationToken);

    public static Task<bool> GridWorkerAsync(CommandCenterDbContext db, int gridWorkerId, string? scopeCode, CancellationToken cancellationToken) =>
        ExistsWithinAsync(db, db.GridWorkers.Where(w => w.Id == gridWorkerId).Select(w => w.GridId), scopeCode, cancellationToken);

    public static Task<bool> IncidentAsync(CommandCenterDbContext db, long incidentId, string? scopeCode, CancellationToken cancellationToken) =>
        ExistsWithinAsync(db, db.Incidents.Where(i => i.Id == incidentId).Select(i => i.GridId), scopeCode, cancellationToken);

    public static Task<bool> ResidentAsync(CommandCenterDbContext db, int residentId, string? scopeCode, CancellationToken cancellationToken) =>
        ExistsWithinAsync(db, db.Residents.Where(r => r.Id == residentId).Select(r => r.GridId), scopeCode, cancellationToken);
}
