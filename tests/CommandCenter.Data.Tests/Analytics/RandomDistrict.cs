using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Patrols;
using CommandCenter.Data.People;
using CommandCenter.Data.Ratings;

namespace CommandCenter.Data.Tests.Analytics;

/// <summary>
/// A small district with random incidents (every stage, tier, breach and timestamp combination), history with
/// reworks and extensions, ratings with and without incidents, and patrol check-ins, spread over a few China days.
/// </summary>
public sealed class RandomDistrict
{
    private const string Square = """{"type":"Polygon","coordinates":[[[109.0,35.0],[109.01,35.0],[109.01,35.01],[109.0,35.01],[109.0,35.0]]]}""";
    private readonly Random _random;
    private int _number;

    private RandomDistrict(int seed) => _random = new Random(seed);

    public List<Grid> Grids { get; } = [];
    public List<int> CategoryIds { get; } = [];
    public List<int> HandlingUnitIds { get; } = [];
    public List<int> WorkerIds { get; } = [];
    public List<long> PatrolIds { get; } = [];
    public required DateTime Start { get; init; }
    public required int Days { get; init; }

    public static async Task<RandomDistrict> CreateAsync(CommandCenterDbContext db, int seed, DateTime start, int days, int incidents)
    {
        var district = new RandomDistrict(seed) { Start = start, Days = days };
        await district.AddHierarchyAsync(db);
        await district.AddIncidentsAsync(db, incidents, start, start.AddDays(days));
        await district.AddRatingsAndCheckInsAsync(db, incidents / 2, start, start.AddDays(days));
        return district;
    }

    private async Task AddHierarchyAsync(CommandCenterDbContext db)
    {
        var d = new District { Code = "610202", Name = "王益区", Boundary = Square };
        db.Add(d);
        for (var s = 1; s <= 2; s++)
        {
            var street = new Street { District = d, Code = HierarchyCode.Child(d.Code, s), Name = $"街道{s}", Boundary = Square };
            for (var c = 1; c <= 2; c++)
            {
                var community = new Community { Street = street, Code = HierarchyCode.Child(street.Code, c), Name = $"社区{s}{c}", Boundary = Square };
                for (var g = 1; g <= 2; g++)
                {
                    var grid = new Grid { Community = community, Code = HierarchyCode.Child(community.Code, g), Name = $"网格{s}{c}{g}", Boundary = Square };
                    Grids.Add(grid);
                    db.Add(grid);
                }
                db.Add(community);
            }
        }
        await db.SaveChangesAsync();
        foreach (var grid in Grids)
        {
            grid.StreetId = grid.Community!.StreetId;
        }
        var categories = new[] { ("E0101", "01", "私搭乱建"), ("E0102", "02", "暴露垃圾"), ("C0101", "01", "上水井盖") }
            .Select(c => new IncidentCategory { Code = c.Item1, Kind = c.Item1[0] == 'E' ? CategoryKind.Event : CategoryKind.Component, MajorCode = "01", MajorName = "市容环境", MinorCode = c.Item2, MinorName = c.Item3 })
            .ToList();
        var units = new[] { HandlingTier.Grid, HandlingTier.Community, HandlingTier.Department }
            .Select((t, n) => new HandlingUnit { Name = $"单位{n}", Tier = t, AreaCode = Grids[n].Code }).ToList();
        var workers = Grids.Take(4).Select((g, n) => new GridWorker { GridId = g.Id, Name = $"网格员{n}", Phone = "13900000000", EmployeeNumber = $"GW{n}" }).ToList();
        db.AddRange(categories);
        db.AddRange(units);
        db.AddRange(workers);
        await db.SaveChangesAsync();
        CategoryIds.AddRange(categories.Select(c => c.Id));
        HandlingUnitIds.AddRange(units.Select(u => u.Id));
        WorkerIds.AddRange(workers.Select(w => w.Id));
    }

    private DateTime Between(DateTime from, DateTime to) => from.AddSeconds(_random.NextDouble() * (to - from).TotalSeconds);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>Adds random incidents reported in [from, to), each with history; some timestamps may fall after <paramref name="to"/>.</summary>
    public async Task<List<Incident>> AddIncidentsAsync(CommandCenterDbContext db, int count, DateTime from, DateTime to)
    {
        var added = new List<Incident>();
        for (var n = 0; n < count; n++)
        {
            var grid = Pick(Grids);
            var reported = Between(from, to);
            var incident = new Incident
            {
                Number = $"R{++_number:D10}{_random.Next(1000):D3}",
                Title = "随机事件", Description = "随机", Source = (SourceChannel)_random.Next(7), CategoryId = Pick(CategoryIds),
                GridId = grid.Id, CommunityId = grid.CommunityId, StreetId = grid.StreetId,
                ReporterGridWorkerId = Chance(0.4) ? Pick(WorkerIds) : null,
                ReportedAt = reported, RespondDueAt = reported.AddMinutes(15), ReplyDueAt = reported.AddMinutes(30), ResolveDueAt = reported.AddHours(24),
                Version = 1,
            };
            Advance(incident);
            db.Incidents.Add(incident);
            added.Add(incident);
        }
        await db.SaveChangesAsync();
        return added;
    }

    /// <summary>Moves an incident along a random path from its current state, with history rows, and stamps UpdatedAt.</summary>
    public void Advance(Incident incident)
    {
        var at = incident.UpdatedAt > incident.ReportedAt ? incident.UpdatedAt : incident.ReportedAt;
        void Step(IncidentAction action, IncidentStage to, double maxHours)
        {
            at = at.AddMinutes(1 + _random.NextDouble() * maxHours * 60);
            incident.History.Add(new IncidentHistory
            {
                Version = ++incident.Version, Action = action, FromStage = incident.Stage, ToStage = to, Tier = incident.Tier, ActorName = "测试", At = at,
            });
            incident.Stage = to;
        }
        if (incident.Stage == IncidentStage.Reported)
        {
            if (Chance(0.1))
            {
                Step(IncidentAction.Reject, IncidentStage.Rejected, 1);
                incident.RejectedAt = at;
                incident.UpdatedAt = at;
                return;
            }
            if (Chance(0.85))
            {
                Step(IncidentAction.File, IncidentStage.Filed, 0.3);
                incident.FiledAt = at;
            }
        }
        if (incident.Stage == IncidentStage.Filed && Chance(0.85))
        {
            incident.Tier = (HandlingTier)_random.Next(5);
            incident.HandlingUnitId = Chance(0.8) ? Pick(HandlingUnitIds) : null;
            Step(IncidentAction.Dispatch, IncidentStage.Dispatched, 0.5);
            incident.DispatchedAt ??= at;
            if (Chance(0.8))
            {
                incident.RespondedAt = at.AddMinutes(_random.Next(1, 30));
                incident.RepliedAt = Chance(0.8) ? at.AddMinutes(_random.Next(1, 60)) : null;
                Step(IncidentAction.Accept, IncidentStage.Handling, 0.5);
            }
        }
        if (incident.Stage == IncidentStage.Handling)
        {
            if (Chance(0.2))
            {
                Step(IncidentAction.Extend, IncidentStage.Handling, 3);
                incident.ExtensionCount++;
            }
            if (Chance(0.2))
            {
                Step(IncidentAction.Rework, IncidentStage.Handling, 3);
                incident.ReworkCount++;
            }
            if (Chance(0.7))
            {
                Step(IncidentAction.Close, IncidentStage.Closed, 30);
                incident.ClosedAt = at;
                incident.ClosedTier = incident.Tier;
                if (Chance(0.3))
                {
                    Step(IncidentAction.Rate, IncidentStage.Evaluated, 2);
                    incident.EvaluatedAt = at;
                }
            }
        }
        incident.RespondBreached = incident.Stage != IncidentStage.Rejected && (incident.RespondedAt ?? DateTime.MaxValue) > incident.RespondDueAt && Chance(0.9);
        incident.ReplyBreached = incident.Stage != IncidentStage.Rejected && (incident.RepliedAt ?? DateTime.MaxValue) > incident.ReplyDueAt && Chance(0.9);
        incident.ResolveBreached = incident.Stage != IncidentStage.Rejected && (incident.ClosedAt ?? DateTime.MaxValue) > incident.ResolveDueAt && Chance(0.9);
        incident.UpdatedAt = at;
    }

    public async Task AddRatingsAndCheckInsAsync(CommandCenterDbContext db, int count, DateTime from, DateTime to)
    {
        var rated = db.Ratings.Select(r => r.IncidentId).Where(i => i != null).ToHashSet();
        var closed = db.Incidents.Where(i => i.ClosedAt != null).Select(i => new { i.Id, i.GridId }).AsEnumerable().Where(i => !rated.Contains(i.Id)).ToList();
        for (var n = 0; n < count; n++)
        {
            var withIncident = closed.Count > 0 && Chance(0.7);
            var incident = withIncident ? closed[_random.Next(closed.Count)] : null;
            if (incident is not null)
            {
                closed.Remove(incident);
            }
            db.Ratings.Add(new Rating
            {
                IncidentId = incident?.Id, GridId = incident?.GridId ?? Pick(Grids).Id, Level = (RatingLevel)_random.Next(1, 6), RatedAt = Between(from, to),
            });
        }
        for (var n = 0; n < count / 5 + 1; n++)
        {
            var grid = Pick(Grids);
            var started = Between(from, to);
            var patrol = new Patrol { GridWorkerId = Pick(WorkerIds), GridId = grid.Id, StartedAt = started };
            for (var c = 0; c < _random.Next(1, 8); c++)
            {
                patrol.CheckIns.Add(new PatrolCheckIn { GridId = Chance(0.9) ? grid.Id : Pick(Grids).Id, At = started.AddMinutes(c * 23), Latitude = 35, Longitude = 109 });
            }
            patrol.CheckInCount = patrol.CheckIns.Count;
            db.Patrols.Add(patrol);
        }
        await db.SaveChangesAsync();
    }
}
