using CommandCenter.Data;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Demo.Generators;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Patrols;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.ServiceOrders;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Jobs.Simulation;

/// <summary>What the simulator has done since it started.</summary>
public sealed record SimulatorTotals
{
    public int Reports { get; init; }
    public int SosAlarms { get; init; }
    public int Transitions { get; init; }
    public int StaleSkipped { get; init; }
    public int Rejected { get; init; }
    public int PatrolsStarted { get; init; }
    public int CheckIns { get; init; }
    public int PatrolsEnded { get; init; }
    public int ServiceOrderSteps { get; init; }
}

/// <summary>
/// The demo district's live day: reports from every channel along the daily curve, officers moving incidents through
/// the GB/T 30428 stages with realistic delays (and the odd breach, escalation and rework), grid workers' patrols and
/// residents' service orders — all through the same services as real traffic, never writing tables directly.
/// <see cref="TickAsync"/> does one bounded step for the time passed since the previous tick.
/// </summary>
public sealed partial class DemoSimulator(
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    IncidentIntakeService intake,
    IncidentTransitionService transitions,
    SosIntakeService sos,
    PatrolService patrols,
    ServiceOrderService serviceOrders,
    IOptions<DemoOptions> demoOptions,
    TimeProvider time,
    ILogger<DemoSimulator> logger) : IDisposable
{
    private static readonly (SourceChannel Channel, double Weight)[] Channels =
    [
        (SourceChannel.GridWorker, 0.60), (SourceChannel.Hotline12345, 0.25), (SourceChannel.WoYaoShuo, 0.10),
        (SourceChannel.VideoIot, 0.025), (SourceChannel.DutyOfficer, 0.02), (SourceChannel.Sos, 0.005),
    ];

    private static readonly string[] Officers = ["值班员 王丽", "值班员 李强", "值班员 张敏", "派遣员 刘洋"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "霞", "秀英", "建国", "桂兰"];
    private static readonly string[] Details = ["请尽快处置。", "影响居民出行。", "居民多次反映。", "存在安全隐患。", "持续多日。"];
    private static readonly string[] CheckInNotes = ["巡查正常", "入户走访", "重点人员走访", "商铺安全检查", "发现问题已上报"];
    private static readonly string[] OrderTitles = ["代购生活用品", "陪同就医", "上门理发", "代缴水电费", "家电维修", "助餐送餐"];
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(3);
    private static readonly TimeSpan MaxStep = TimeSpan.FromMinutes(10);

    private readonly Random _random = new(demoOptions.Value.Seed ^ 0x51A7);
    private readonly SemaphoreSlim _tickLock = new(1, 1);
    private readonly HashSet<long> _openOrders = [];
    private World? _world;
    private DateTime? _lastTick;
    private DateTime _lastSummary;
    private SimulatorTotals _totals = new();
    private SimulatorTotals _summarised = new();

    public SimulatorTotals Totals => _totals;

    private DemoSimulatorOptions Options => demoOptions.Value.Simulator;

    public void Dispose() => _tickLock.Dispose();

    /// <summary>One step: new reports, transitions, patrols and service orders for the time since the last tick (at most 10 simulated-real minutes).</summary>
    public async Task TickAsync(CancellationToken cancellationToken = default)
    {
        await _tickLock.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var real = _lastTick is { } last ? now - last : Options.TickInterval;
            _lastTick = now;
            if (real <= TimeSpan.Zero)
            {
                return;
            }
            if (real > MaxStep)
            {
                real = MaxStep; // after a pause: carry on, don't replay the gap in one burst
            }
            var world = _world ??= await World.LoadAsync(contextFactory, cancellationToken);
            if (world.Grids.Count == 0)
            {
                return;
            }
            var simMinutes = real.TotalMinutes * Options.Acceleration;

            await ReportAsync(world, now, simMinutes, cancellationToken);
            await AdvanceIncidentsAsync(now, simMinutes, cancellationToken);
            await PatrolAsync(world, now, simMinutes, cancellationToken);
            await ServiceOrdersAsync(world, now, simMinutes, cancellationToken);
            Summarise(now);
        }
        finally
        {
            _tickLock.Release();
        }
    }

    private async Task ReportAsync(World world, DateTime now, double simMinutes, CancellationToken cancellationToken)
    {
        var expected = Options.IncidentsPerHour * SimulationMath.DailyCurve(now) * simMinutes / 60;
        var count = Math.Min(_random.Poisson(expected), Options.MaxReportsPerTick);
        for (var i = 0; i < count; i++)
        {
            var channel = Channels[_random.PickWeighted(Channels.Select(c => c.Weight).ToArray())].Channel;
            if (channel == SourceChannel.Sos && world.Wristbands.Count > 0)
            {
                var band = _random.Pick(world.Wristbands);
                var point = world.Grids.TryGetValue(band.GridId, out var bandGrid) ? RandomPointIn(bandGrid.Shape) : null;
                var alarm = await sos.RaiseAsync(new SosSignal(band.Serial, point?.Latitude, point?.Longitude, null), cancellationToken: cancellationToken);
                if (alarm.Succeeded)
                {
                    _totals = _totals with { SosAlarms = _totals.SosAlarms + 1, Reports = _totals.Reports + 1 };
                }
                continue;
            }
            if (channel == SourceChannel.Sos)
            {
                channel = SourceChannel.Hotline12345;
            }
            var report = NewReport(world, channel);
            var actor = channel switch
            {
                SourceChannel.GridWorker => new IncidentActor(null, report.ReporterName ?? "网格员"),
                SourceChannel.Hotline12345 => new IncidentActor(null, "12345热线"),
                SourceChannel.WoYaoShuo => new IncidentActor(null, "我要说"),
                SourceChannel.VideoIot => new IncidentActor(null, "视频智能分析"),
                _ => new IncidentActor(null, _random.Pick(Officers)),
            };
            var result = await intake.ReportAsync(report, actor, scopeCode: null, cancellationToken: cancellationToken);
            if (result.Succeeded)
            {
                _totals = _totals with { Reports = _totals.Reports + 1 };
            }
            else
            {
                LogReportRefused(logger, result.Status, string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? []));
            }
        }
    }

    private IncidentReport NewReport(World world, SourceChannel channel)
    {
        var kind = _random.PickWeighted(channel switch
        {
            SourceChannel.GridWorker => [0.30, 0.48, 0.22],
            SourceChannel.VideoIot => [0.10, 0.75, 0.15],
            _ => [0.15, 0.33, 0.52],
        });
        var pool = world.CategoriesByKind[kind].Count > 0 ? world.CategoriesByKind[kind] : world.AllCategories;
        var category = pool[_random.PickWeighted(pool.Select(c => c.Weight).ToArray())];
        GridInfo grid;
        WorkerInfo? worker = null;
        if (channel == SourceChannel.GridWorker && world.Workers.Count > 0)
        {
            worker = _random.Pick(world.Workers);
            grid = world.Grids.TryGetValue(worker.GridId, out var own) ? own : _random.Pick(world.GridList);
        }
        else
        {
            grid = _random.Pick(world.GridList);
        }
        var point = RandomPointIn(grid.Shape);
        var name = worker?.Name ?? (channel is SourceChannel.Hotline12345 or SourceChannel.WoYaoShuo ? RandomName() : null);
        return new IncidentReport
        {
            Title = $"{grid.CommunityName.Replace("社区", "", StringComparison.Ordinal)}{category.MinorName}",
            Description = $"{grid.Name}附近发现{category.MinorName}问题，{_random.Pick(Details)}",
            Source = channel,
            CategoryId = category.Id,
            Priority = category.Urgent ? IncidentPriority.Urgent
                : _random.NextDouble() switch { < 0.12 => IncidentPriority.Low, < 0.9 => IncidentPriority.Normal, _ => IncidentPriority.High },
            GridId = point is null ? grid.Id : null,
            Latitude = point is null ? null : Math.Round(point.Value.Latitude, 6),
            Longitude = point is null ? null : Math.Round(point.Value.Longitude, 6),
            Address = grid.Name,
            ReporterName = name,
            ReporterPhone = worker?.Phone ?? (name is null ? null : RandomPhone()),
            ReporterGridWorkerId = worker?.Id,
        };
    }

    /// <summary>Scans recent unfinished incidents and advances each with the chance its current step ends now.</summary>
    private async Task AdvanceIncidentsAsync(DateTime now, double simMinutes, CancellationToken cancellationToken)
    {
        List<OpenIncident> open;
        var since = now - Lookback;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            open = await db.Incidents.AsNoTracking()
                .Where(i => i.ReportedAt >= since && i.Stage != IncidentStage.Evaluated && i.Stage != IncidentStage.Rejected)
                .OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id)
                .Take(Options.MaxTransitionsPerTick * 5)
                .Select(i => new OpenIncident(i.Id, i.Version, i.Stage, i.Tier, i.Source, i.Priority, i.ReportedAt, i.UpdatedAt, i.RepliedAt,
                    db.CallBacks.Any(c => c.IncidentId == i.Id)))
                .ToListAsync(cancellationToken);
        }
        var applied = 0;
        foreach (var incident in open)
        {
            if (applied >= Options.MaxTransitionsPerTick)
            {
                break;
            }
            var command = NextCommand(incident, now, simMinutes);
            if (command is null)
            {
                continue;
            }
            var actor = new IncidentActor(null, command.Action is IncidentAction.Accept or IncidentAction.Feedback ? "处置人员" : _random.Pick(Officers));
            var result = await transitions.ApplyAsync(incident.Id, command, actor, scopeCode: null, cancellationToken);
            if (result.Status == TransitionStatus.Invalid && command.Action == IncidentAction.Dispatch)
            {
                // No grid-tier unit serves this grid: the community takes it.
                result = await transitions.ApplyAsync(incident.Id, command with { Tier = HandlingTier.Community }, actor, scopeCode: null, cancellationToken);
            }
            switch (result.Status)
            {
                case TransitionStatus.Applied:
                    applied++;
                    _totals = _totals with
                    {
                        Transitions = _totals.Transitions + 1,
                        Rejected = _totals.Rejected + (command.Action == IncidentAction.Reject ? 1 : 0),
                    };
                    break;
                case TransitionStatus.StaleVersion:
                    _totals = _totals with { StaleSkipped = _totals.StaleSkipped + 1 };
                    break;
                default:
                    LogTransitionRefused(logger, command.Action, incident.Id, result.Status, result.Message);
                    break;
            }
        }
    }

    /// <summary>The command that ends the incident's current step in this tick, or null while it still waits.</summary>
    private IncidentCommand? NextCommand(OpenIncident i, DateTime now, double simMinutes)
    {
        var sinceChange = (now - i.UpdatedAt).TotalMinutes * Options.Acceleration;
        // Alarms and urgent cases jump the queue (their clocks are shorter: 5 and 10 minutes to respond).
        var haste = i.Source == SourceChannel.Sos ? 0.3 : i.Priority == IncidentPriority.Urgent ? 0.5 : 1.0;
        bool Ends(double median, double sigma) => _random.Chance(SimulationMath.EndsWithin(sinceChange, simMinutes, median * haste, sigma));

        // Reply to citizens (30-minute clock) while the case is still moving.
        var external = i.Source is SourceChannel.Hotline12345 or SourceChannel.WoYaoShuo or SourceChannel.Sos or SourceChannel.Open311;
        if (external && i.RepliedAt is null && i.Stage is >= IncidentStage.Filed and <= IncidentStage.Feedback)
        {
            var sinceReport = (now - i.ReportedAt).TotalMinutes * Options.Acceleration;
            if (_random.Chance(SimulationMath.EndsWithin(sinceReport, simMinutes, 16, 0.55)))
            {
                return new IncidentCommand(IncidentAction.Reply, i.Version, "已电话告知反映人，正在处理。");
            }
        }
        var escalation = i.Tier < HandlingTier.District;
        return i.Stage switch
        {
            IncidentStage.Reported when Ends(1.5, 0.6) => _random.Chance(0.025)
                ? new IncidentCommand(IncidentAction.Reject, i.Version, "重复上报，已合并处理。")
                : new IncidentCommand(IncidentAction.File, i.Version),
            IncidentStage.Filed when Ends(1.5, 0.6) => new IncidentCommand(IncidentAction.Dispatch, i.Version, Tier: HandlingTier.Grid),
            IncidentStage.Dispatched when Ends(4, 0.5) => escalation && _random.Chance(0.05)
                ? new IncidentCommand(IncidentAction.Escalate, i.Version, "超出本级处置能力，提级处置。")
                : new IncidentCommand(IncidentAction.Accept, i.Version),
            IncidentStage.Handling when Ends(HandlingMedian(i.Tier), 0.8) => escalation && _random.Chance(0.03)
                ? new IncidentCommand(IncidentAction.Escalate, i.Version, "需多部门联动，提级处置。")
                : new IncidentCommand(IncidentAction.Feedback, i.Version, "已处置完毕，现场照片已上传。"),
            IncidentStage.Feedback when Ends(15, 0.6) => _random.Chance(0.06)
                ? new IncidentCommand(IncidentAction.Rework, i.Version, "核查未通过，退回重新处置。")
                : new IncidentCommand(IncidentAction.Close, i.Version, "核查属实，予以结案。"),
            IncidentStage.Closed when !i.CalledBack && Ends(30, 0.6) =>
                new IncidentCommand(IncidentAction.CallBack, i.Version, "回访反映人，对处置结果表示认可。", Reached: !_random.Chance(0.04)),
            IncidentStage.Closed when i.CalledBack && Ends(10, 0.7) =>
                new IncidentCommand(IncidentAction.Rate, i.Version, Rating: RandomRating()),
            _ => null,
        };
    }

    private static double HandlingMedian(HandlingTier tier) => tier switch
    {
        HandlingTier.Grid => 50,
        HandlingTier.Community => 120,
        HandlingTier.Street => 240,
        HandlingTier.Department => 420,
        _ => 600,
    };

    /// <summary>98–99 % satisfied (非常满意 + 满意).</summary>
    private RatingLevel RandomRating() => _random.NextDouble() switch
    {
        < 0.72 => RatingLevel.VerySatisfied,
        < 0.986 => RatingLevel.Satisfied,
        < 0.996 => RatingLevel.Neutral,
        < 0.999 => RatingLevel.Dissatisfied,
        _ => RatingLevel.VeryDissatisfied,
    };

    /// <summary>Grid workers go out on patrol by day, check in every ~12 minutes at points inside their grid, and come back.</summary>
    private async Task PatrolAsync(World world, DateTime now, double simMinutes, CancellationToken cancellationToken)
    {
        List<(long Id, int GridWorkerId, int GridId, DateTime StartedAt, int CheckIns)> active;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var rows = await db.Patrols.AsNoTracking().Where(p => p.EndedAt == null).OrderBy(p => p.Id)
                .Take(Options.MaxPatrolActionsPerTick * 5)
                .Select(p => new { p.Id, p.GridWorkerId, p.GridId, p.StartedAt, p.CheckInCount })
                .ToListAsync(cancellationToken);
            active = [.. rows.Select(r => (r.Id, r.GridWorkerId, r.GridId, r.StartedAt, r.CheckInCount))];
        }
        var actions = 0;
        foreach (var patrol in active)
        {
            if (actions >= Options.MaxPatrolActionsPerTick)
            {
                return;
            }
            var onPatrol = (now - patrol.StartedAt).TotalMinutes * Options.Acceleration;
            if ((patrol.CheckIns >= 3 && onPatrol > 45 && _random.Chance(1 - Math.Exp(-simMinutes / 40))) || onPatrol > 240)
            {
                if ((await patrols.EndAsync(patrol.Id, scopeCode: null, cancellationToken)).Succeeded)
                {
                    _totals = _totals with { PatrolsEnded = _totals.PatrolsEnded + 1 };
                }
                actions++;
            }
            else if (_random.Chance(1 - Math.Exp(-simMinutes / 12)) && world.Grids.TryGetValue(patrol.GridId, out var grid)
                && RandomPointIn(grid.Shape) is { } point)
            {
                var request = new PatrolService.CheckInRequest(Math.Round(point.Latitude, 6), Math.Round(point.Longitude, 6), _random.Pick(CheckInNotes), null, null);
                if ((await patrols.CheckInAsync(patrol.Id, request, scopeCode: null, cancellationToken: cancellationToken)).Succeeded)
                {
                    _totals = _totals with { CheckIns = _totals.CheckIns + 1 };
                }
                actions++;
            }
        }

        var onPatrolIds = active.Select(p => p.GridWorkerId).ToHashSet();
        var idle = world.Workers.Where(w => !onPatrolIds.Contains(w.Id)).ToList();
        var startsPerHour = SimulationMath.IsDaytime(now) ? 0.45 : 0.02;
        var starts = Math.Min(_random.Poisson(idle.Count * startsPerHour * simMinutes / 60), Math.Max(0, Options.MaxPatrolActionsPerTick - actions));
        for (var s = 0; s < starts && idle.Count > 0; s++)
        {
            var worker = idle[_random.Next(idle.Count)];
            idle.Remove(worker);
            if ((await patrols.StartAsync(worker.Id, scopeCode: null, cancellationToken)).Succeeded)
            {
                _totals = _totals with { PatrolsStarted = _totals.PatrolsStarted + 1 };
            }
        }
    }

    /// <summary>群众点单 → 党员接单 → 销单 → 评价, a few an hour.</summary>
    private async Task ServiceOrdersAsync(World world, DateTime now, double simMinutes, CancellationToken cancellationToken)
    {
        if (world.Residents.Count > 0 && world.PartyMembers.Count > 0)
        {
            var requests = Math.Min(_random.Poisson(Options.IncidentsPerHour / 20 * SimulationMath.DailyCurve(now) * simMinutes / 60), 5);
            for (var r = 0; r < requests; r++)
            {
                var resident = _random.Pick(world.Residents);
                var title = _random.Pick(OrderTitles);
                var created = await serviceOrders.RequestAsync(resident, title, $"居民通过“我要说”点单：{title}。", scopeCode: null, cancellationToken);
                if (created.Succeeded)
                {
                    _openOrders.Add(created.Value!.Id);
                    _totals = _totals with { ServiceOrderSteps = _totals.ServiceOrderSteps + 1 };
                }
            }
        }
        if (_openOrders.Count == 0)
        {
            return;
        }
        List<ServiceOrder> orders;
        var ids = _openOrders.ToList();
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            orders = await db.ServiceOrders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);
        }
        foreach (var order in orders)
        {
            var since = (now - (order.AcceptedAt ?? order.DispatchedAt ?? order.RequestedAt)).TotalMinutes * Options.Acceleration;
            bool Ends(double median) => _random.Chance(SimulationMath.EndsWithin(since, simMinutes, median, 0.6));
            var done = false;
            switch (order.Status)
            {
                case ServiceOrderStatus.Requested or ServiceOrderStatus.Dispatched when Ends(40):
                    var volunteer = world.PartyMembersByGrid.TryGetValue(order.GridId, out var local) ? _random.Pick(local) : _random.Pick(world.PartyMembers);
                    done = (await serviceOrders.AcceptAsync(order.Id, order.Version, volunteer, scopeCode: null, cancellationToken)).Succeeded;
                    break;
                case ServiceOrderStatus.Accepted when Ends(90):
                    done = (await serviceOrders.FulfilAsync(order.Id, order.Version, scopeCode: null, cancellationToken)).Succeeded;
                    break;
                case ServiceOrderStatus.Fulfilled when Ends(30):
                    done = (await serviceOrders.RateAsync(order.Id, RandomRating(), null, scopeCode: null, cancellationToken)).Succeeded;
                    _openOrders.Remove(order.Id);
                    break;
                case ServiceOrderStatus.Cancelled:
                    _openOrders.Remove(order.Id);
                    break;
            }
            if (done)
            {
                _totals = _totals with { ServiceOrderSteps = _totals.ServiceOrderSteps + 1 };
            }
        }
        _openOrders.IntersectWith(orders.Select(o => o.Id));
    }

    private void Summarise(DateTime now)
    {
        if (_lastSummary == default)
        {
            _lastSummary = now;
            return;
        }
        if (now - _lastSummary < TimeSpan.FromMinutes(1))
        {
            return;
        }
        var t = _totals;
        var s = _summarised;
        LogSummary(logger, t.Reports - s.Reports, t.SosAlarms - s.SosAlarms, t.Transitions - s.Transitions, t.StaleSkipped - s.StaleSkipped,
            t.PatrolsStarted - s.PatrolsStarted, t.CheckIns - s.CheckIns, t.PatrolsEnded - s.PatrolsEnded, t.ServiceOrderSteps - s.ServiceOrderSteps);
        _summarised = t;
        _lastSummary = now;
    }

    /// <summary>A uniformly random point inside the polygon (rejection sampling in its bounding box).</summary>
    private (double Latitude, double Longitude)? RandomPointIn(GridPolygon shape)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var x = shape.MinX + (_random.NextDouble() * (shape.MaxX - shape.MinX));
            var y = shape.MinY + (_random.NextDouble() * (shape.MaxY - shape.MinY));
            if (shape.Shape.Contains(x, y))
            {
                return (y, x);
            }
        }
        return null;
    }

    private string RandomName() => _random.Pick(Surnames) + _random.Pick(GivenNames);

    private string RandomPhone() => "1" + _random.Pick(["38", "39", "58", "86", "37"]) + _random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo simulator, last minute: {Reports} reports ({Sos} SOS), {Transitions} transitions ({Stale} stale), patrols {Started} started / {CheckIns} check-ins / {Ended} ended, {Orders} service-order steps")]
    private static partial void LogSummary(ILogger logger, int reports, int sos, int transitions, int stale, int started, int checkIns, int ended, int orders);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo simulator: a report was refused ({Status}): {Errors}")]
    private static partial void LogReportRefused(ILogger logger, IntakeStatus status, string errors);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo simulator: {Action} on incident {Id} was refused ({Status}): {Message}")]
    private static partial void LogTransitionRefused(ILogger logger, IncidentAction action, long id, TransitionStatus status, string? message);
}
