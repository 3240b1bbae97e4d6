using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Data.Analytics;

/// <summary>
/// Takes the daily <see cref="NodeSnapshot"/> of every district, street, community and grid: one GROUP BY per table
/// by grid, summed up the hierarchy in memory (a few hundred nodes). Replaces the day's rows, so it is safe to run twice.
/// </summary>
public sealed class NodeSnapshotBuilder(
    IDbContextFactory<CommandCenterDbContext> contextFactory, TimeProvider time, ILogger<NodeSnapshotBuilder> logger)
{
    /// <summary>Snapshots today's (China) state.</summary>
    public Task<int> TakeAsync(CancellationToken cancellationToken = default) =>
        TakeAsync(ChinaDay.Of(time.GetUtcNow().UtcDateTime), cancellationToken);

    /// <summary>Snapshots the current state under the date <paramref name="day"/>.</summary>
    public async Task<int> TakeAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var snapshots = await CountAsync(db, day, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<NodeSnapshot>().Where(s => s.Day == day).ExecuteDeleteAsync(cancellationToken);
        db.AddRange(snapshots);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Node snapshots for {Day}: {Count} nodes", day, snapshots.Count);
        return snapshots.Count;
    }

    internal static async Task<List<NodeSnapshot>> CountAsync(CommandCenterDbContext db, DateOnly day, CancellationToken ct)
    {
        var districts = await db.Districts.Select(d => new { d.Id, d.Code }).ToListAsync(ct);
        var streets = await db.Streets.Select(s => new { s.Id, s.Code }).ToListAsync(ct);
        var communities = await db.Communities.Select(c => new { c.Id, c.Code }).ToListAsync(ct);
        var grids = await db.Grids.Select(g => new { g.Id, g.Code }).ToListAsync(ct);

        var nodes = new Dictionary<string, NodeSnapshot>(StringComparer.Ordinal);
        void AddNode(string code, HierarchyLevel level) => nodes[code] = new NodeSnapshot { Day = day, NodeCode = code, Level = level };
        districts.ForEach(d => AddNode(d.Code, HierarchyLevel.District));
        streets.ForEach(s => AddNode(s.Code, HierarchyLevel.Street));
        communities.ForEach(c => AddNode(c.Code, HierarchyLevel.Community));
        grids.ForEach(g => AddNode(g.Code, HierarchyLevel.Grid));

        // A grid's count goes to the grid and every node above it (the codes are prefixes).
        var gridCodes = grids.ToDictionary(g => g.Id, g => g.Code);
        IEnumerable<NodeSnapshot> Chain(int gridId)
        {
            if (!gridCodes.TryGetValue(gridId, out var code))
            {
                yield break;
            }
            foreach (var length in new[] { HierarchyCode.DistrictLength, HierarchyCode.StreetLength, HierarchyCode.CommunityLength, HierarchyCode.GridLength })
            {
                if (nodes.TryGetValue(code[..length], out var node))
                {
                    yield return node;
                }
            }
        }

        var people = await PeopleCounts.ByGridAsync(db, ct);
        foreach (var p in people)
        {
            foreach (var n in Chain(p.GridId))
            {
                n.Residents += (int)p.Total; n.Registered += (int)p.Registered; n.Migrant += (int)p.Migrant; n.Foreign += (int)p.Foreign;
                n.Aged60Plus += (int)p.Aged60Plus; n.LivingAlone += (int)p.LivingAlone; n.Children += (int)p.Children; n.Disabled += (int)p.Disabled;
                n.LeftBehind += (int)p.LeftBehind; n.SpecialCare += (int)p.SpecialCare; n.PartyMembers += (int)p.PartyMembers;
            }
        }

        await AddPerGridAsync(db.Households.GroupBy(h => h.GridId).Select(g => new { g.Key, Count = g.Count() }), x => x.Key, x => x.Count, (n, c) => n.Households += c);
        await AddPerGridAsync(db.GridWorkers.Where(w => w.IsActive).GroupBy(w => w.GridId).Select(g => new { g.Key, Count = g.Count() }), x => x.Key, x => x.Count, (n, c) => n.GridWorkers += c);
        await AddPerGridAsync(db.Buildings.GroupBy(b => b.GridId).Select(g => new { g.Key, Count = g.Count() }), x => x.Key, x => x.Count, (n, c) => n.Buildings += c);

        var rooms = await db.Rooms.GroupBy(r => r.GridId).Select(g => new
        {
            GridId = g.Key, Total = g.Count(), Rental = g.Count(r => r.Use == RoomUse.Rental), Vacant = g.Count(r => r.Use == RoomUse.Vacant),
        }).ToListAsync(ct);
        foreach (var r in rooms)
        {
            foreach (var n in Chain(r.GridId))
            {
                n.Rooms += r.Total; n.RentalRooms += r.Rental; n.VacantRooms += r.Vacant;
            }
        }

        var places = await db.Places.GroupBy(p => p.GridId).Select(g => new
        {
            GridId = g.Key, Total = g.Count(), Key = g.Count(p => p.IsKeyPlace), Schools = g.Count(p => p.Kind == PlaceKind.School),
        }).ToListAsync(ct);
        foreach (var p in places)
        {
            foreach (var n in Chain(p.GridId))
            {
                n.Places += p.Total; n.KeyPlaces += p.Key; n.Schools += p.Schools;
            }
        }

        var components = await db.CityComponents.GroupBy(c => c.GridId).Select(g => new
        {
            GridId = g.Key, Total = g.Count(), Faulty = g.Count(c => c.State == ComponentState.Damaged || c.State == ComponentState.Missing),
        }).ToListAsync(ct);
        foreach (var c in components)
        {
            foreach (var n in Chain(c.GridId))
            {
                n.Components += c.Total; n.ComponentsFaulty += c.Faulty;
            }
        }

        var devices = await db.Devices.Where(d => d.Status != DeviceStatus.Retired).GroupBy(d => d.GridId).Select(g => new
        {
            GridId = g.Key, Total = g.Count(), Online = g.Count(d => d.Status == DeviceStatus.Online), Sos = g.Count(d => d.Kind == DeviceKind.SosWristband),
        }).ToListAsync(ct);
        foreach (var d in devices)
        {
            foreach (var n in Chain(d.GridId))
            {
                n.Devices += d.Total; n.DevicesOnline += d.Online; n.SosWristbands += d.Sos;
            }
        }

        // Organisations belong to an area code at any level; each counts in every node whose code prefixes it.
        var organizations = await db.Organizations.GroupBy(o => new { o.AreaCode, o.Kind })
            .Select(g => new { g.Key.AreaCode, g.Key.Kind, Count = g.Count(), Members = g.Sum(o => o.MemberCount) })
            .ToListAsync(ct);
        foreach (var o in organizations)
        {
            foreach (var length in new[] { HierarchyCode.DistrictLength, HierarchyCode.StreetLength, HierarchyCode.CommunityLength, HierarchyCode.GridLength })
            {
                if (o.AreaCode.Length < length || !nodes.TryGetValue(o.AreaCode[..length], out var n))
                {
                    continue;
                }
                n.Organizations += o.Count;
                n.OrganizationMembers += o.Members;
                switch (o.Kind)
                {
                    case OrganizationKind.PartyOrganization: n.PartyOrganizations += o.Count; break;
                    case OrganizationKind.Enterprise: n.Enterprises += o.Count; break;
                    case OrganizationKind.SocialOrganization: n.SocialOrganizations += o.Count; break;
                    case OrganizationKind.PropertyCompany: n.PropertyCompanies += o.Count; break;
                    case OrganizationKind.OwnersCommittee: n.OwnersCommittees += o.Count; break;
                    case OrganizationKind.VolunteerTeam: n.VolunteerTeams += o.Count; break;
                    case OrganizationKind.EmergencyTeam: n.EmergencyTeams += o.Count; break;
                }
            }
        }
        return [.. nodes.Values];

        async Task AddPerGridAsync<T>(IQueryable<T> query, Func<T, int> grid, Func<T, int> count, Action<NodeSnapshot, int> add)
        {
            foreach (var row in await query.ToListAsync(ct))
            {
                foreach (var n in Chain(grid(row)))
                {
                    add(n, count(row));
                }
            }
        }
    }
}
