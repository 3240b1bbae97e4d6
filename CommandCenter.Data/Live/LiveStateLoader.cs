using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Privacy;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Live;

/// <summary>Loads the live state from the database: a handful of narrow, provider-neutral queries.</summary>
internal static class LiveStateLoader
{
    private static readonly IncidentStage[] OpenStages =
        [IncidentStage.Reported, IncidentStage.Filed, IncidentStage.Dispatched, IncidentStage.Handling, IncidentStage.Feedback];

    public static async Task<LiveState> LoadAsync(CommandCenterDbContext db, DateTime nowUtc, int newestCount, CancellationToken cancellationToken)
    {
        var day = ChinaDay.Of(nowUtc);
        var (start, end) = ChinaDay.Bounds(day);
        var hierarchy = await LoadHierarchyAsync(db, cancellationToken);
        var state = new LiveState { Hierarchy = hierarchy, Day = day, NewestCount = newestCount };

        var tracked = await db.Incidents.AsNoTracking()
            .Where(i => OpenStages.Contains(i.Stage) || i.ReportedAt >= start || i.FiledAt >= start || i.DispatchedAt >= start || i.ClosedAt >= start)
            .Select(i => new TrackedIncident
            {
                Id = i.Id, GridId = i.GridId, Stage = i.Stage, Tier = i.Tier, Version = i.Version,
                ReportedAt = i.ReportedAt, FiledAt = i.FiledAt, DispatchedAt = i.DispatchedAt, RespondedAt = i.RespondedAt,
                RepliedAt = i.RepliedAt, ClosedAt = i.ClosedAt, ResolveDueAt = i.ResolveDueAt,
                RespondBreached = i.RespondBreached, ReplyBreached = i.ReplyBreached, ResolveBreached = i.ResolveBreached,
                Source = i.Source, CategoryId = i.CategoryId, ClosedTier = i.ClosedTier, Number = i.Number, Title = PersonalDataMask.FreeText(i.Title, i.ReporterName)!,
            })
            .ToListAsync(cancellationToken);
        foreach (var incident in tracked)
        {
            state.Incidents[incident.Id] = incident;
        }

        var newest = await db.Incidents.AsNoTracking()
            .OrderByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id)
            .Select(i => new { i.Id, i.Number, i.Title, i.Stage, i.Version, i.GridId, i.Source, i.Priority, i.ReportedAt })
            .Take(newestCount)
            .ToListAsync(cancellationToken);
        state.Newest.AddRange(newest.Select(i => state.NewestLine(i.Id, i.Number, i.Title, i.Stage, i.Version, i.GridId, i.Source, i.Priority, i.ReportedAt)));

        foreach (var alert in await db.SosAlerts.AsNoTracking().Where(a => a.Status == SosStatus.Raised)
            .Select(a => new { a.Id, a.GridId }).ToListAsync(cancellationToken))
        {
            state.OpenSos[alert.Id] = alert.GridId;
        }
        foreach (var patrol in await db.Patrols.AsNoTracking().Where(p => p.EndedAt == null)
            .Select(p => new { p.Id, p.GridId }).ToListAsync(cancellationToken))
        {
            state.ActivePatrols[patrol.Id] = patrol.GridId;
        }
        state.PatrolledGrids.UnionWith(await db.PatrolCheckIns.AsNoTracking().Where(c => c.At >= start && c.At < end)
            .Select(c => c.GridId).Distinct().ToListAsync(cancellationToken));

        foreach (var transition in await db.IncidentHistory.AsNoTracking()
            .Where(h => h.At >= start && h.At < end && (h.Action == IncidentAction.Rework || h.Action == IncidentAction.Extend))
            .Join(db.Incidents, h => h.IncidentId, i => i.Id, (h, i) => new { h.IncidentId, h.Version, h.Action, i.GridId })
            .ToListAsync(cancellationToken))
        {
            state.TransitionsToday[(transition.IncidentId, transition.Version)] = (transition.GridId, transition.Action);
        }
        foreach (var rating in await db.Ratings.AsNoTracking().Where(r => r.RatedAt >= start && r.RatedAt < end)
            .Select(r => new { r.Id, r.IncidentId, r.GridId, r.Level }).ToListAsync(cancellationToken))
        {
            state.RatingsToday[rating.IncidentId is { } incidentId ? (true, incidentId) : (false, rating.Id)] = (rating.GridId, rating.Level);
        }
        var windowStart = start.AddDays(-29);
        foreach (var group in await db.Ratings.AsNoTracking().Where(r => r.RatedAt >= windowStart && r.RatedAt < start)
            .GroupBy(r => new { r.GridId, r.Level })
            .Select(g => new { g.Key.GridId, g.Key.Level, Count = g.Count() })
            .ToListAsync(cancellationToken))
        {
            if (!state.RatingsBeforeToday.TryGetValue(group.GridId, out var counts))
            {
                state.RatingsBeforeToday[group.GridId] = counts = new int[6];
            }
            counts[(int)group.Level] += group.Count;
        }
        await LoadWallBreakdownsAsync(db, state, start, cancellationToken);
        return state;
    }

    /// <summary>What only the wall's breakdowns need: the catalogue, yesterday's reports by hour, ratings by day.</summary>
    private static async Task LoadWallBreakdownsAsync(CommandCenterDbContext db, LiveState state, DateTime start, CancellationToken cancellationToken)
    {
        foreach (var category in await db.IncidentCategories.AsNoTracking().Select(c => new { c.Id, c.Code, Name = c.MinorName }).ToListAsync(cancellationToken))
        {
            state.Categories[category.Id] = (category.Code, category.Name);
        }
        var yesterdayStart = start.AddDays(-1);
        foreach (var report in await db.Incidents.AsNoTracking().Where(i => i.ReportedAt >= yesterdayStart && i.ReportedAt < start)
            .Select(i => new { i.GridId, i.ReportedAt }).ToListAsync(cancellationToken))
        {
            if (!state.YesterdayByHour.TryGetValue(report.GridId, out var hours))
            {
                state.YesterdayByHour[report.GridId] = hours = new int[24];
            }
            hours[ChinaDay.Local(report.ReportedAt).Hour]++;
        }
        var windowStart = start.AddDays(-(NodeBreakdown.SatisfactionDays - 1));
        foreach (var rating in await db.Ratings.AsNoTracking().Where(r => r.RatedAt >= windowStart && r.RatedAt < start)
            .Select(r => new { r.GridId, r.RatedAt, r.Level }).ToListAsync(cancellationToken))
        {
            var daysAgo = state.Day.DayNumber - ChinaDay.Of(rating.RatedAt).DayNumber;
            if (!state.RatingsByDay.TryGetValue((rating.GridId, daysAgo), out var counts))
            {
                state.RatingsByDay[(rating.GridId, daysAgo)] = counts = new int[6];
            }
            counts[(int)rating.Level]++;
        }
    }

    private static async Task<LiveHierarchy> LoadHierarchyAsync(CommandCenterDbContext db, CancellationToken cancellationToken)
    {
        var district = await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Code, d.Name }).FirstOrDefaultAsync(cancellationToken);
        var hierarchy = new LiveHierarchy { DistrictCode = district?.Code ?? string.Empty, DistrictName = district?.Name ?? string.Empty };
        foreach (var street in await db.Streets.AsNoTracking().Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(cancellationToken))
        {
            hierarchy.Streets[street.Id] = new LiveHierarchy.Node(street.Code, street.Name);
        }
        foreach (var community in await db.Communities.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(cancellationToken))
        {
            hierarchy.Communities[community.Id] = new LiveHierarchy.Node(community.Code, community.Name);
        }
        foreach (var grid in await db.Grids.AsNoTracking().Select(g => new { g.Id, g.Code, g.Name, g.CommunityId, g.StreetId }).ToListAsync(cancellationToken))
        {
            hierarchy.Grids[grid.Id] = new LiveHierarchy.GridNode(grid.Code, grid.Name, grid.CommunityId, grid.StreetId);
        }
        return hierarchy;
    }
}
