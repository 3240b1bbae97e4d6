using CommandCenter.Data.Statistics;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.People;

/// <summary>The people of one grid by type and key group (实有人口, 户籍/流动/境外, 一老一小一特, 党员).</summary>
public sealed record GridPeopleCounts(
    int GridId, long Total, long Registered, long Migrant, long Foreign,
    long Aged60Plus, long LivingAlone, long Children, long Disabled, long LeftBehind, long SpecialCare, long PartyMembers);

/// <summary>
/// The one count of people: one grouped scan of the residents per grid, which the home page, the wall, the analytics
/// snapshots and the registry sum over the grids of a node, so every screen shows the same number.
/// </summary>
public static class PeopleCounts
{
    /// <summary>Counts per grid (of <paramref name="residents"/>, by default every resident).</summary>
    public static Task<List<GridPeopleCounts>> ByGridAsync(CommandCenterDbContext db, CancellationToken cancellationToken, IQueryable<Resident>? residents = null) =>
        (residents ?? db.Residents).AsNoTracking().GroupBy(r => r.GridId).Select(g => new GridPeopleCounts(
                g.Key,
                g.LongCount(),
                g.LongCount(r => r.Type == ResidentType.Registered),
                g.LongCount(r => r.Type == ResidentType.Migrant),
                g.LongCount(r => r.Type == ResidentType.Foreign),
                g.LongCount(r => (r.KeyGroups & KeyGroups.Aged60Plus) != 0),
                g.LongCount(r => (r.KeyGroups & KeyGroups.LivingAlone) != 0),
                g.LongCount(r => (r.KeyGroups & KeyGroups.Child) != 0),
                g.LongCount(r => (r.KeyGroups & KeyGroups.Disabled) != 0),
                g.LongCount(r => (r.KeyGroups & KeyGroups.LeftBehind) != 0),
                g.LongCount(r => (r.KeyGroups & KeyGroups.SpecialCare) != 0),
                g.LongCount(r => r.IsPartyMember)))
            .ToListAsync(cancellationToken);

    /// <summary>The totals of some grids' counts.</summary>
    public static PeopleTotals Sum(IEnumerable<GridPeopleCounts> grids)
    {
        long total = 0, registered = 0, migrant = 0, foreign = 0, aged = 0, alone = 0, children = 0, disabled = 0, leftBehind = 0, special = 0, party = 0;
        foreach (var g in grids)
        {
            total += g.Total; registered += g.Registered; migrant += g.Migrant; foreign += g.Foreign;
            aged += g.Aged60Plus; alone += g.LivingAlone; children += g.Children; disabled += g.Disabled;
            leftBehind += g.LeftBehind; special += g.SpecialCare; party += g.PartyMembers;
        }
        return new PeopleTotals(total, registered, migrant, foreign, aged, alone, children, disabled, leftBehind, special, party);
    }
}
