using CommandCenter.Data;
using CommandCenter.Data.Live;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Components.Wall;

/// <summary>The left column's base numbers (人 / 组织 / 地物) of one hierarchy node. Not live: refreshed every few minutes.</summary>
public sealed record WallBaseFigures(
    PeopleTotals People,
    long Buildings,
    long Rooms,
    long Places,
    IReadOnlyList<ComponentMajorTotal> ComponentsByMajor,
    IReadOnlyDictionary<PartyTier, long> PartyByTier,
    long GridWorkers,
    long VolunteerTeams,
    long VolunteerMembers,
    long EmergencyTeams,
    long EmergencyMembers)
{
    public long Components => ComponentsByMajor.Sum(c => c.Count);

    public static WallBaseFigures Zero { get; } = new(
        new PeopleTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 0, 0, [], new Dictionary<PartyTier, long>(), 0, 0, 0, 0, 0);
}

/// <summary>
/// The base numbers of every node (district, streets, communities, grids), read with one grouped query per table (grouped
/// by grid, or by area code for organisations) and rolled up by code prefix in memory. One shared copy per process,
/// re-read when older than <see cref="WallOptions.BaseDataRefresh"/>; concurrent readers share one read.
/// </summary>
public sealed class WallBaseData(
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    IOptions<WallOptions> options,
    TimeProvider time,
    ILogger<WallBaseData> logger) : IReferenceDataCache, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, WallBaseFigures>? _byNode;
    private DateTimeOffset _readAt;
    private int _refreshing;

    /// <summary>
    /// The figures of a node (zero when the code is unknown). The first call reads them; later calls answer from the copy at
    /// once and, when it is older than the refresh interval, start one background read (walls never wait for a re-read).
    /// </summary>
    public async Task<WallBaseFigures> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var byNode = _byNode;
        if (byNode is null)
        {
            byNode = await RefreshAsync(cancellationToken);
        }
        else if (time.GetUtcNow() - _readAt > options.Value.BaseDataRefresh && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RefreshAsync(CancellationToken.None);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not re-read the wall's base data; the previous copy stays");
                }
                finally
                {
                    Interlocked.Exchange(ref _refreshing, 0);
                }
            }, CancellationToken.None);
        }
        return byNode.GetValueOrDefault(code) ?? WallBaseFigures.Zero;
    }

    /// <summary>Drops the copy (after an import or an edit on any node): the next reader waits for a fresh read.</summary>
    public void Invalidate() => _byNode = null;

    private async Task<IReadOnlyDictionary<string, WallBaseFigures>> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_byNode is { } fresh && time.GetUtcNow() - _readAt <= options.Value.BaseDataRefresh)
            {
                return fresh;
            }
            var started = time.GetTimestamp();
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var byNode = await ReadAsync(db, cancellationToken);
            _byNode = byNode;
            _readAt = time.GetUtcNow();
            logger.LogInformation("Wall base data read for {Nodes} nodes in {Elapsed} ms", byNode.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
            return byNode;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads every node's figures (public for the tests, which compare them with direct counts).</summary>
    public static async Task<Dictionary<string, WallBaseFigures>> ReadAsync(CommandCenterDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var grids = await db.Grids.Select(g => new { g.Id, g.Code }).ToListAsync(cancellationToken);
        var nodeCodes = new List<string>();
        nodeCodes.AddRange(await db.Districts.Select(d => d.Code).ToListAsync(cancellationToken));
        nodeCodes.AddRange(await db.Streets.Select(s => s.Code).ToListAsync(cancellationToken));
        nodeCodes.AddRange(await db.Communities.Select(c => c.Code).ToListAsync(cancellationToken));
        nodeCodes.AddRange(grids.Select(g => g.Code));

        var people = await PeopleCounts.ByGridAsync(db, cancellationToken);
        var buildings = await db.Buildings.GroupBy(b => b.GridId).Select(g => new { GridId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.GridId, x => x.Count, cancellationToken);
        var rooms = await db.Rooms.GroupBy(r => r.GridId).Select(g => new { GridId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.GridId, x => x.Count, cancellationToken);
        var places = await db.Places.GroupBy(p => p.GridId).Select(g => new { GridId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.GridId, x => x.Count, cancellationToken);
        var workers = await db.GridWorkers.Where(w => w.IsActive).GroupBy(w => w.GridId).Select(g => new { GridId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.GridId, x => x.Count, cancellationToken);
        var components = await db.CityComponents.GroupBy(c => new { c.GridId, c.MajorCode, c.MajorName })
            .Select(g => new { g.Key.GridId, g.Key.MajorCode, g.Key.MajorName, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var organizations = await db.Organizations
            .Where(o => o.Kind == OrganizationKind.PartyOrganization || o.Kind == OrganizationKind.VolunteerTeam || o.Kind == OrganizationKind.EmergencyTeam)
            .GroupBy(o => new { o.AreaCode, o.Kind, o.PartyTier })
            .Select(g => new { g.Key.AreaCode, g.Key.Kind, g.Key.PartyTier, Count = g.LongCount(), Members = g.Sum(o => (long)o.MemberCount) })
            .ToListAsync(cancellationToken);

        var gridCode = grids.ToDictionary(g => g.Id, g => g.Code);
        string CodeOf(int gridId) => gridCode.GetValueOrDefault(gridId) ?? string.Empty;
        var result = new Dictionary<string, WallBaseFigures>(StringComparer.Ordinal);
        foreach (var code in nodeCodes.Distinct(StringComparer.Ordinal))
        {
            bool In(int gridId) => CodeOf(gridId).StartsWith(code, StringComparison.Ordinal);
            var orgs = organizations.Where(o => o.AreaCode.StartsWith(code, StringComparison.Ordinal)).ToList();
            result[code] = new WallBaseFigures(
                PeopleCounts.Sum(people.Where(p => In(p.GridId))),
                buildings.Where(p => In(p.Key)).Sum(p => p.Value),
                rooms.Where(p => In(p.Key)).Sum(p => p.Value),
                places.Where(p => In(p.Key)).Sum(p => p.Value),
                [.. components.Where(c => In(c.GridId)).GroupBy(c => new { c.MajorCode, c.MajorName })
                    .OrderBy(g => g.Key.MajorCode, StringComparer.Ordinal)
                    .Select(g => new ComponentMajorTotal(g.Key.MajorCode, g.Key.MajorName, g.Sum(c => c.Count)))],
                orgs.Where(o => o.Kind == OrganizationKind.PartyOrganization && o.PartyTier is not null)
                    .GroupBy(o => o.PartyTier!.Value).ToDictionary(g => g.Key, g => g.Sum(o => o.Count)),
                workers.Where(p => In(p.Key)).Sum(p => p.Value),
                orgs.Where(o => o.Kind == OrganizationKind.VolunteerTeam).Sum(o => o.Count),
                orgs.Where(o => o.Kind == OrganizationKind.VolunteerTeam).Sum(o => o.Members),
                orgs.Where(o => o.Kind == OrganizationKind.EmergencyTeam).Sum(o => o.Count),
                orgs.Where(o => o.Kind == OrganizationKind.EmergencyTeam).Sum(o => o.Members));
        }
        return result;
    }

    public void Dispose() => _gate.Dispose();
}
