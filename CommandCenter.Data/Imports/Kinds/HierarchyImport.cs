using System.Globalization;
using CommandCenter.Data.Hierarchy;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>
/// 区划边界 from GeoJSON: districts, streets, communities and grids upserted by code, parents by code prefix (in the file
/// or already in the database). Grids must lie inside their community; overlaps between sibling grids are reported with
/// their area. Centres and grid areas are recomputed from the geometry.
/// </summary>
public sealed class HierarchyImport
{
    private sealed record Existing(int Id, int ParentId, string Name, string Boundary, (double X, double Y)[] Ring);

    public async Task ImportAsync(ImportSession session, Stream stream, CancellationToken cancellationToken)
    {
        var db = session.Db;
        var outcome = session.Outcome;
        using var features = HierarchyFeatures.Parse(stream);
        var accepted = new Dictionary<string, AreaFeature>(StringComparer.Ordinal);
        var row = 0;
        foreach (var element in features.Features.EnumerateArray())
        {
            row++;
            outcome.Total++;
            var feature = HierarchyFeatures.Read(element, row, outcome);
            if (feature is null)
            {
                continue;
            }
            if (accepted.TryGetValue(feature.Code, out var first))
            {
                outcome.Reject(row, "code", $"code“{feature.Code}”与第 {first.Row} 个要素重复。");
                continue;
            }
            accepted[feature.Code] = feature;
        }

        var existing = await LoadAsync(db, cancellationToken);
        // Parents first: a feature whose parent is neither valid in the file nor in the database is refused, and so are its children.
        foreach (var feature in accepted.Values.OrderBy(f => f.Level).ThenBy(f => f.Row).ToList())
        {
            if (feature.Level == HierarchyLevel.District)
            {
                continue;
            }
            var parent = feature.Code[..(feature.Code.Length - 3)];
            if (!accepted.ContainsKey(parent) && !existing.ContainsKey(parent))
            {
                outcome.Reject(feature.Row, "code", $"上级区划“{parent}”不在文件中也不在系统中（或其本身有错误）。");
                accepted.Remove(feature.Code);
            }
        }
        CheckGridsInsideCommunities(accepted, existing, outcome);
        ReportSiblingOverlaps(accepted, existing, outcome);

        var ids = existing.ToDictionary(e => e.Key, e => e.Value.Id, StringComparer.Ordinal);
        foreach (var level in new[] { HierarchyLevel.District, HierarchyLevel.Street, HierarchyLevel.Community, HierarchyLevel.Grid })
        {
            var saved = new List<(string Code, IAreaNode Node)>();
            foreach (var feature in accepted.Values.Where(f => f.Level == level && !outcome.IsRejected(f.Row)).OrderBy(f => f.Row))
            {
                var node = Upsert(session, feature, existing.GetValueOrDefault(feature.Code), ids);
                if (node is not null)
                {
                    saved.Add((feature.Code, node));
                }
            }
            await session.FlushAsync(cancellationToken);
            foreach (var (code, node) in saved)
            {
                ids[code] = node.Id;
            }
        }
    }

    private static IAreaNode? Upsert(ImportSession session, AreaFeature feature, Existing? current, Dictionary<string, int> ids)
    {
        var boundary = feature.BoundaryJson();
        var (longitude, latitude) = HierarchyGeometry.Centroid(feature.Rings[0]);
        var parentId = feature.Level == HierarchyLevel.District ? 0 : ids.GetValueOrDefault(feature.Code[..(feature.Code.Length - 3)]);
        if (current is not null && current.Name == feature.Name && current.Boundary == boundary && current.ParentId == parentId)
        {
            return null;
        }
        IAreaNode node = feature.Level switch
        {
            HierarchyLevel.District => new District { Code = feature.Code, Name = feature.Name, Boundary = boundary, CenterLatitude = latitude, CenterLongitude = longitude },
            HierarchyLevel.Street => new Street { Code = feature.Code, Name = feature.Name, Boundary = boundary, CenterLatitude = latitude, CenterLongitude = longitude, DistrictId = parentId },
            HierarchyLevel.Community => new Community { Code = feature.Code, Name = feature.Name, Boundary = boundary, CenterLatitude = latitude, CenterLongitude = longitude, StreetId = parentId },
            _ => new Grid
            {
                Code = feature.Code, Name = feature.Name, Boundary = boundary, CenterLatitude = latitude, CenterLongitude = longitude, CommunityId = parentId,
                StreetId = ids.GetValueOrDefault(feature.Code[..HierarchyCode.StreetLength]),
                AreaSquareMeters = Math.Round(HierarchyGeometry.AreaSquareMeters(feature.Rings), 1),
            },
        };
        if (current is null)
        {
            session.Insert(node);
            return node;
        }
        switch (node)
        {
            case District d: d.Id = current.Id; break;
            case Street s: s.Id = current.Id; break;
            case Community c: c.Id = current.Id; break;
            case Grid g: g.Id = current.Id; break;
        }
        session.Update(node);
        return node;
    }

    private static void CheckGridsInsideCommunities(Dictionary<string, AreaFeature> accepted, Dictionary<string, Existing> existing, ImportOutcome outcome)
    {
        foreach (var grid in accepted.Values.Where(f => f.Level == HierarchyLevel.Grid).ToList())
        {
            var communityCode = grid.Code[..HierarchyCode.CommunityLength];
            var community = accepted.TryGetValue(communityCode, out var inFile) ? inFile.Rings[0] : existing.GetValueOrDefault(communityCode)?.Ring;
            if (community is not { Length: > 3 })
            {
                continue;
            }
            (double X, double Y) outside = (double.NaN, double.NaN);
            foreach (var vertex in grid.Rings[0])
            {
                if (!HierarchyGeometry.ContainsOrTouches(community, vertex.X, vertex.Y))
                {
                    outside = vertex;
                    break;
                }
            }
            if (!double.IsNaN(outside.X))
            {
                outcome.Reject(grid.Row, "geometry", string.Create(CultureInfo.InvariantCulture,
                    $"网格“{grid.Code}”超出所属社区“{communityCode}”的边界（如顶点 [{outside.X}, {outside.Y}]）。"));
                accepted.Remove(grid.Code);
            }
        }
    }

    private static void ReportSiblingOverlaps(Dictionary<string, AreaFeature> accepted, Dictionary<string, Existing> existing, ImportOutcome outcome)
    {
        var grids = accepted.Values.Where(f => f.Level == HierarchyLevel.Grid).Select(f => (f.Code, Ring: f.Rings[0], Row: (int?)f.Row))
            .Concat(existing.Where(e => e.Key.Length == HierarchyCode.GridLength && !accepted.ContainsKey(e.Key) && e.Value.Ring.Length > 3)
                .Select(e => (Code: e.Key, e.Value.Ring, Row: (int?)null)))
            .GroupBy(g => g.Code[..HierarchyCode.CommunityLength]);
        foreach (var siblings in grids)
        {
            var list = siblings.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    if (list[i].Row is null && list[j].Row is null)
                    {
                        continue;
                    }
                    var overlap = HierarchyGeometry.OverlapSquareMeters(list[i].Ring, list[j].Ring);
                    var smaller = Math.Min(HierarchyGeometry.AreaSquareMeters([list[i].Ring]), HierarchyGeometry.AreaSquareMeters([list[j].Ring]));
                    if (overlap > 1 && overlap > smaller * 0.005)
                    {
                        var (first, second) = list[i].Row is not null ? (list[i], list[j]) : (list[j], list[i]);
                        outcome.Warn(first.Row!.Value, "geometry", string.Create(CultureInfo.InvariantCulture,
                            $"网格“{first.Code}”与同社区网格“{second.Code}”重叠约 {overlap:0} 平方米。"));
                    }
                }
            }
        }
    }

    private static async Task<Dictionary<string, Existing>> LoadAsync(CommandCenterDbContext db, CancellationToken ct)
    {
        var all = new Dictionary<string, Existing>(StringComparer.Ordinal);
        void Add(string code, int id, int parentId, string name, string boundary)
        {
            (double X, double Y)[] ring;
            try
            {
                ring = GeoJsonPolygon.ParseOuterRing(boundary);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
            {
                ring = [];
            }
            all[code] = new Existing(id, parentId, name, boundary, ring);
        }
        foreach (var d in await db.Districts.AsNoTracking().ToListAsync(ct)) { Add(d.Code, d.Id, 0, d.Name, d.Boundary); }
        foreach (var s in await db.Streets.AsNoTracking().ToListAsync(ct)) { Add(s.Code, s.Id, s.DistrictId, s.Name, s.Boundary); }
        foreach (var c in await db.Communities.AsNoTracking().ToListAsync(ct)) { Add(c.Code, c.Id, c.StreetId, c.Name, c.Boundary); }
        foreach (var g in await db.Grids.AsNoTracking().ToListAsync(ct)) { Add(g.Code, g.Id, g.CommunityId, g.Name, g.Boundary); }
        return all;
    }
}
