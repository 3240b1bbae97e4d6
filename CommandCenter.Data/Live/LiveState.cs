using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Data.Measures;
using CommandCenter.Data.Privacy;
using CommandCenter.Data.Ratings;

namespace CommandCenter.Data.Live;

/// <summary>An incident the live numbers depend on: open, or reported, filed, dispatched or closed today.</summary>
internal sealed class TrackedIncident : MeasuredIncident
{
    public long Id { get; set; }
    public int GridId { get; set; }
    public HandlingTier Tier { get; set; }
    public int Version { get; set; }
    public SourceChannel Source { get; set; }
    public int CategoryId { get; set; }
    public string Number { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;

    public bool IsOpen => !IncidentMeasures.IsEnded(Stage);

    public void CopyFrom(IncidentFacts facts, int version)
    {
        Stage = facts.Stage;
        Tier = facts.Tier;
        Version = version;
        ReportedAt = facts.ReportedAt;
        FiledAt = facts.FiledAt;
        DispatchedAt = facts.DispatchedAt;
        RespondedAt = facts.RespondedAt;
        RepliedAt = facts.RepliedAt;
        ClosedAt = facts.ClosedAt;
        ResolveDueAt = facts.ResolveDueAt;
        RespondBreached = facts.RespondBreached;
        ReplyBreached = facts.ReplyBreached;
        ResolveBreached = facts.ResolveBreached;
        Source = facts.Source;
        CategoryId = facts.CategoryId;
        ClosedTier = facts.ClosedTier;
        Number = facts.Number;
        Title = PersonalDataMask.FreeText(facts.Title)!;
    }
}

/// <summary>
/// The mutable state behind the live numbers: the sets the numbers are counted from, not the counters themselves,
/// so that applying a notice twice, or a notice already contained in a fresh load, changes nothing (idempotent).
/// Not thread-safe: <see cref="LiveMetrics"/> guards it with a lock.
/// </summary>
internal sealed class LiveState
{
    public required LiveHierarchy Hierarchy { get; init; }
    public required DateOnly Day { get; init; }
    public required int NewestCount { get; init; }

    private (DateTime Start, DateTime End)? _dayBounds;

    /// <summary>Today's UTC bounds, worked out once: <see cref="IsToday"/> runs for every measure of every tracked incident per snapshot.</summary>
    private (DateTime Start, DateTime End) DayBounds => _dayBounds ??= ChinaDay.Bounds(Day);

    public DateTime DayStart => DayBounds.Start;
    public DateTime DayEnd => DayBounds.End;

    public Dictionary<long, TrackedIncident> Incidents { get; } = [];

    /// <summary>Newest first: by reported time, then id.</summary>
    public List<NewestIncident> Newest { get; } = [];

    /// <summary>SOS alerts still Raised: alert id → grid id.</summary>
    public Dictionary<long, int> OpenSos { get; } = [];

    /// <summary>Patrols not ended: patrol id → grid id.</summary>
    public Dictionary<long, int> ActivePatrols { get; } = [];

    /// <summary>Grids with a check-in today (巡查覆盖: a started patrol covers nothing yet).</summary>
    public HashSet<int> PatrolledGrids { get; } = [];

    /// <summary>Today's rework and extension transitions: (incident id, version after it) → (grid, action).</summary>
    public Dictionary<(long IncidentId, int Version), (int GridId, IncidentAction Action)> TransitionsToday { get; } = [];

    /// <summary>Today's ratings: (of an incident?, incident id or rating id) → (grid, level).</summary>
    public Dictionary<(bool OfIncident, long Id), (int GridId, RatingLevel Level)> RatingsToday { get; } = [];

    /// <summary>The 29 days before today: grid id → counts by level (index 1–5).</summary>
    public Dictionary<int, int[]> RatingsBeforeToday { get; } = [];

    /// <summary>The category catalogue as loaded: id → (code, name).</summary>
    public Dictionary<int, (string Code, string Name)> Categories { get; } = [];

    /// <summary>Yesterday's reports (China-local day): grid id → count per China-local hour. Fixed until the next load.</summary>
    public Dictionary<int, int[]> YesterdayByHour { get; } = [];

    /// <summary>The 29 days before today by day: (grid id, days before today 1–29) → counts by level (index 1–5).</summary>
    public Dictionary<(int GridId, int DaysAgo), int[]> RatingsByDay { get; } = [];

    public bool IsToday(DateTime? utc) => utc is { } t && t >= DayStart && t < DayEnd;

    /// <summary>Applies one notice; returns whether anything a screen shows may have changed.</summary>
    public bool Apply(ChangeNotice notice)
    {
        switch (notice.Kind)
        {
            case ChangeKind.IncidentCreated or ChangeKind.IncidentChanged or ChangeKind.SlaBreached when notice.Incident is { } facts:
                ApplyIncident(notice, facts);
                return true;
            case ChangeKind.SosRaised when notice.GridId is { } grid:
                OpenSos[notice.EntityId] = grid;
                return true;
            case ChangeKind.SosAcknowledged:
                return OpenSos.Remove(notice.EntityId);
            case ChangeKind.PatrolStarted when notice.GridId is { } grid:
                ActivePatrols[notice.EntityId] = grid;
                return true;
            case ChangeKind.PatrolCheckIn when notice.GridId is { } grid:
                return IsToday(notice.At) && PatrolledGrids.Add(grid);
            case ChangeKind.PatrolEnded:
                return ActivePatrols.Remove(notice.EntityId);
            case ChangeKind.RatingAdded when notice.GridId is { } grid && notice.RatingLevel is { } level && IsToday(notice.At):
                RatingsToday[(notice.Incident is not null, notice.EntityId)] = (grid, (RatingLevel)level);
                return true;
            default:
                return false;
        }
    }

    private void ApplyIncident(ChangeNotice notice, IncidentFacts facts)
    {
        if (notice.Action is IncidentAction.Rework or IncidentAction.Extend && notice.GridId is { } transitionGrid && IsToday(notice.At))
        {
            TransitionsToday[(notice.EntityId, notice.Version)] = (transitionGrid, notice.Action.Value);
        }
        if (Incidents.TryGetValue(notice.EntityId, out var tracked))
        {
            if (notice.Version > tracked.Version || (notice.Version == tracked.Version && notice.Kind != ChangeKind.SlaBreached))
            {
                tracked.CopyFrom(facts, notice.Version);
            }
            else if (notice.Version == tracked.Version)
            {
                // A breach is flagged without a version bump: the flags only ever go up within a version.
                tracked.RespondBreached |= facts.RespondBreached;
                tracked.ReplyBreached |= facts.ReplyBreached;
                tracked.ResolveBreached |= facts.ResolveBreached;
            }
        }
        else if (notice.GridId is { } gridId)
        {
            var incident = new TrackedIncident { Id = notice.EntityId, GridId = gridId };
            incident.CopyFrom(facts, notice.Version);
            if (incident.IsOpen || IsToday(incident.ReportedAt) || IsToday(incident.FiledAt) || IsToday(incident.DispatchedAt) || IsToday(incident.ClosedAt))
            {
                Incidents[incident.Id] = incident;
            }
        }
        ApplyNewest(notice, facts);
    }

    private void ApplyNewest(ChangeNotice notice, IncidentFacts facts)
    {
        var index = Newest.FindIndex(n => n.Id == notice.EntityId);
        if (index >= 0)
        {
            if (notice.Version >= Newest[index].Version)
            {
                Newest[index] = Newest[index] with { Stage = facts.Stage, Version = notice.Version };
            }
            return;
        }
        if (notice.Kind != ChangeKind.IncidentCreated || notice.GridId is not { } gridId)
        {
            return;
        }
        var line = NewestLine(notice.EntityId, facts.Number, facts.Title, facts.Stage, notice.Version, gridId, facts.Source, facts.Priority, facts.ReportedAt);
        var position = Newest.FindIndex(n => IsNewer(line, n));
        if (position < 0)
        {
            if (Newest.Count < NewestCount)
            {
                Newest.Add(line);
            }
            return;
        }
        Newest.Insert(position, line);
        if (Newest.Count > NewestCount)
        {
            Newest.RemoveAt(Newest.Count - 1);
        }
    }

    /// <summary>A feed line; times are cut to microseconds, as PostgreSQL stores them, so a fresh load compares equal.</summary>
    public NewestIncident NewestLine(long id, string number, string title, IncidentStage stage, int version, int gridId,
        SourceChannel source, IncidentPriority priority, DateTime reportedAt)
    {
        var grid = Hierarchy.Grids.GetValueOrDefault(gridId);
        var street = grid is null ? null : Hierarchy.Streets.GetValueOrDefault(grid.StreetId);
        return new NewestIncident(id, number, PersonalDataMask.FreeText(title)!, stage, version, gridId, grid?.Code, grid?.Name, grid?.StreetId ?? 0, street?.Name,
            source, priority, reportedAt.AddTicks(-(reportedAt.Ticks % 10)));
    }

    private static bool IsNewer(NewestIncident a, NewestIncident b) => a.ReportedAt > b.ReportedAt || (a.ReportedAt == b.ReportedAt && a.Id > b.Id);
}
