using System.Text.Json;
using CommandCenter.Data.Live;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Hierarchy;

/// <summary>Finds the grid that contains a point, from the grid polygons in the database (loaded once, then cached).</summary>
public sealed class GridLocator(IDbContextFactory<CommandCenterDbContext> contextFactory) : IReferenceDataCache, IDisposable
{
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private GridShape[]? _grids;

    /// <summary>The grid containing the point, or null when the point lies outside the district.</summary>
    public async Task<GridShape?> LocateAsync(double latitude, double longitude, CancellationToken cancellationToken = default)
    {
        var grids = await GridsAsync(cancellationToken);
        foreach (var grid in grids)
        {
            if (grid.Contains(longitude, latitude))
            {
                return grid;
            }
        }
        return null;
    }

    /// <summary>
    /// The grid with this id (or, when no id is given, this code), from the cache; a grid added since the cache was
    /// loaded is read from the database and reloads the cache next time.
    /// </summary>
    public async Task<GridShape?> FindAsync(int? id, string? code, CancellationToken cancellationToken = default)
    {
        var grids = await GridsAsync(cancellationToken);
        var found = id is { } gridId ? Array.Find(grids, g => g.Id == gridId) : Array.Find(grids, g => g.Code == code);
        if (found is not null)
        {
            return found;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Grids.AsNoTracking();
        query = id is { } byId ? query.Where(g => g.Id == byId) : query.Where(g => g.Code == code);
        var row = await query.Select(g => new { g.Id, g.Code, g.CommunityId, g.StreetId, g.Boundary }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        Invalidate();
        return new GridShape(row.Id, row.Code, row.CommunityId, row.StreetId, GeoJsonPolygon.ParseOuterRing(row.Boundary));
    }

    /// <summary>Drops the cache (after grids are imported or edited).</summary>
    public void Invalidate() => _grids = null;

    public void Dispose() => _loadLock.Dispose();

    private async Task<GridShape[]> GridsAsync(CancellationToken cancellationToken)
    {
        if (_grids is { } cached)
        {
            return cached;
        }
        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            if (_grids is { } loaded)
            {
                return loaded;
            }
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.Grids.AsNoTracking()
                .Select(g => new { g.Id, g.Code, g.CommunityId, g.StreetId, g.Boundary })
                .ToListAsync(cancellationToken);
            _grids = [.. rows.Select(r => new GridShape(r.Id, r.Code, r.CommunityId, r.StreetId, GeoJsonPolygon.ParseOuterRing(r.Boundary)))];
            return _grids;
        }
        finally
        {
            _loadLock.Release();
        }
    }
}

/// <summary>A grid's outline with its bounding box, for point-in-polygon tests.</summary>
public sealed class GridShape
{
    private readonly (double X, double Y)[] _ring;
    private readonly double _minX, _minY, _maxX, _maxY;

    public GridShape(int id, string code, int communityId, int streetId, (double X, double Y)[] ring)
    {
        Id = id;
        Code = code;
        CommunityId = communityId;
        StreetId = streetId;
        _ring = ring;
        _minX = ring.Length == 0 ? 0 : ring.Min(p => p.X);
        _maxX = ring.Length == 0 ? 0 : ring.Max(p => p.X);
        _minY = ring.Length == 0 ? 0 : ring.Min(p => p.Y);
        _maxY = ring.Length == 0 ? 0 : ring.Max(p => p.Y);
    }

    public int Id { get; }
    public string Code { get; }
    public int CommunityId { get; }
    public int StreetId { get; }
    public double CenterLatitude => (_minY + _maxY) / 2;
    public double CenterLongitude => (_minX + _maxX) / 2;

    /// <summary>Even-odd ray casting; x is longitude, y latitude.</summary>
    public bool Contains(double x, double y)
    {
        if (_ring.Length < 3 || x < _minX || x > _maxX || y < _minY || y > _maxY)
        {
            return false;
        }
        var inside = false;
        for (int i = 0, j = _ring.Length - 1; i < _ring.Length; j = i++)
        {
            var (xi, yi) = _ring[i];
            var (xj, yj) = _ring[j];
            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }
        return inside;
    }
}

/// <summary>Reads the outer ring of a GeoJSON Polygon (or the first polygon of a MultiPolygon).</summary>
public static class GeoJsonPolygon
{
    public static (double X, double Y)[] ParseOuterRing(string geoJson)
    {
        using var document = JsonDocument.Parse(geoJson);
        var root = document.RootElement;
        var coordinates = root.GetProperty("coordinates");
        var ring = root.GetProperty("type").GetString() == "MultiPolygon" ? coordinates[0][0] : coordinates[0];
        return [.. ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble()))];
    }
}
