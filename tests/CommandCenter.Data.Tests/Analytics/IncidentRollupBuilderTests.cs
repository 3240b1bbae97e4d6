using CommandCenter.Data.Analytics;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Analytics;

public class IncidentRollupBuilderTests
{
    // 15:30 UTC = 23:30 China time: incidents straddle China midnights, which the buckets must respect.
    private static readonly DateTime Start = new(2026, 11, 10, 15, 30, 0, DateTimeKind.Utc);
    private const int Days = 6;

    private static IncidentRollupBuilder Builder(TestDatabase database, TimeProvider time, int transactionalRowLimit = 20_000) =>
        new(new TestContextFactory(database), time, NullLogger<IncidentRollupBuilder>.Instance) { TransactionalRowLimit = transactionalRowLimit };

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_full_rebuild_equals_counts_taken_directly_from_the_raw_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            await RandomDistrict.CreateAsync(db, seed: 7, Start, Days, incidents: 400);
        }
        var clock = new FakeTimeProvider(Start.AddDays(Days + 2));
        var first = ChinaDay.Of(Start);
        var last = ChinaDay.Of(Start.AddDays(Days + 2));

        // Through EF in one transaction, then again through the provider's bulk path: the same rows both times.
        var result = await Builder(database, clock).RebuildAsync(first, last);
        Assert.True(result.RowsWritten > 0);
        await AssertRollupsMatchRawAsync(database);
        await Builder(database, clock, transactionalRowLimit: 0).RebuildAsync(first, last);
        await AssertRollupsMatchRawAsync(database);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Incremental_runs_equal_a_full_rebuild_and_a_second_run_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        RandomDistrict district;
        await using (var db = database.CreateContext())
        {
            district = await RandomDistrict.CreateAsync(db, seed: 11, Start, Days, incidents: 300);
        }
        // Every generated timestamp (closures up to ~40 h after the report) lies before the clock.
        var clock = new FakeTimeProvider(Start.AddDays(Days + 2));
        var builder = Builder(database, clock);
        var reader = new AnalyticsReader(new TestContextFactory(database), Microsoft.Extensions.Options.Options.Create(new AnalyticsOptions()), Microsoft.Extensions.Options.Options.Create(new CommandCenter.Data.Measures.MeasuresOptions()));
        Assert.False(await reader.RollupsBuiltAsync());
        var initial = await builder.RunIncrementalAsync(); // no watermark yet: everything
        Assert.True(initial.WasFullRebuild);
        Assert.True(await reader.RollupsBuiltAsync());
        await AssertRollupsMatchRawAsync(database);

        // A day later: new reports, old incidents moving on (closures days after their report), supervised breaches,
        // new ratings and check-ins.
        clock.Advance(TimeSpan.FromDays(1));
        await using (var db = database.CreateContext())
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await district.AddIncidentsAsync(db, 40, now.AddHours(-20), now.AddHours(-1));
            var open = await db.Incidents.Include(i => i.History)
                .Where(i => i.Stage != IncidentStage.Closed && i.Stage != IncidentStage.Evaluated && i.Stage != IncidentStage.Rejected)
                .OrderBy(i => i.Id).Take(60).ToListAsync();
            foreach (var incident in open.Take(40))
            {
                incident.UpdatedAt = now.AddHours(-3);
                district.Advance(incident);
            }
            // Breaches marked by the SLA watcher do not touch UpdatedAt; their supervision rows tell the rollup.
            foreach (var incident in open.Skip(40).Where(i => !i.ResolveBreached))
            {
                await db.Incidents.Where(i => i.Id == incident.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.ResolveBreached, true));
                db.Supervisions.Add(new Supervision { IncidentId = incident.Id, Clock = SlaClock.Resolve, CreatedAt = now, Reason = "超时未办结" });
            }
            await db.SaveChangesAsync();
            await district.AddRatingsAndCheckInsAsync(db, 30, now.AddHours(-6), now);
        }
        var incremental = await builder.RunIncrementalAsync();
        Assert.False(incremental.WasFullRebuild);
        Assert.True(incremental.Days > 0);
        var afterIncremental = await ReadRollupsAsync(database);
        await AssertRollupsMatchRawAsync(database);

        var again = await builder.RunIncrementalAsync();
        Assert.Equal(afterIncremental, await ReadRollupsAsync(database));
        Assert.True(again.Days <= incremental.Days);

        await builder.RebuildAsync(ChinaDay.Of(Start), ChinaDay.Of(clock.GetUtcNow().UtcDateTime.AddDays(3)));
        Assert.Equal(afterIncremental, await ReadRollupsAsync(database));
    }

    [Fact]
    public void Consecutive_days_become_one_range()
    {
        var d = new DateOnly(2026, 11, 1);
        var ranges = IncidentRollupBuilder.Ranges([d.AddDays(5), d, d.AddDays(1), d.AddDays(2), d.AddDays(9), d.AddDays(10)]);
        Assert.Equal([(d, d.AddDays(2)), (d.AddDays(5), d.AddDays(5)), (d.AddDays(9), d.AddDays(10))], ranges);
    }

    private static async Task<SortedDictionary<string, string>> ReadRollupsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var rows = await db.Set<IncidentRollup>().AsNoTracking().ToListAsync();
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            Assert.Equal(DateTimeKind.Utc, r.PeriodStart.Kind);
            result.Add(Key(r.Granularity, r.PeriodStart, r.GridId, r.CategoryId, r.Source, r.HandlingUnitId, r.GridWorkerId), Counters(r));
        }
        return result;
    }

    private static string Key(RollupGranularity g, DateTime start, int grid, int category, int source, int unit, int worker) =>
        $"{g}|{start:O}|{grid}|{category}|{source}|{unit}|{worker}";

    private static readonly System.Reflection.PropertyInfo[] CounterProperties =
        [.. typeof(RollupCounts).GetProperties().Where(p => p.CanWrite && p.PropertyType == typeof(int)).OrderBy(p => p.Name, StringComparer.Ordinal)];

    private static string Counters(RollupCounts c) =>
        string.Join(",", CounterProperties.Select(p => $"{p.Name}={p.GetValue(c)}"));

    /// <summary>The expected rows, counted one raw row at a time in memory, compared with every stored rollup row.</summary>
    private static async Task AssertRollupsMatchRawAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var grids = await db.Grids.AsNoTracking().ToDictionaryAsync(g => g.Id);
        var incidents = await db.Incidents.AsNoTracking().ToDictionaryAsync(i => i.Id);
        var history = await db.IncidentHistory.AsNoTracking()
            .Where(h => h.Action == IncidentAction.Rework || h.Action == IncidentAction.Extend).ToListAsync();
        var ratings = await db.Ratings.AsNoTracking().ToListAsync();
        var checkIns = await db.PatrolCheckIns.AsNoTracking().Include(c => c.Patrol).ToListAsync();

        var expected = new Dictionary<string, RollupCounts>(StringComparer.Ordinal);
        void Count(DateTime at, int gridId, int category, int source, int unit, int worker, Action<RollupCounts> add)
        {
            var local = ChinaDay.Local(at);
            var hour = DateTime.SpecifyKind(new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0) - ChinaDay.Offset, DateTimeKind.Utc);
            var day = ChinaDay.Bounds(ChinaDay.Of(at)).Start;
            foreach (var key in new[] { Key(RollupGranularity.Hour, hour, gridId, category, source, unit, worker), Key(RollupGranularity.Day, day, gridId, category, source, unit, worker) })
            {
                if (!expected.TryGetValue(key, out var counts))
                {
                    expected[key] = counts = new RollupCounts();
                }
                add(counts);
            }
        }
        void Incident(DateTime? at, Incident i, Action<RollupCounts> add)
        {
            if (at is { } value)
            {
                Count(value, i.GridId, i.CategoryId, (int)i.Source, i.HandlingUnitId ?? 0, i.ReporterGridWorkerId ?? 0, add);
            }
        }

        foreach (var i in incidents.Values)
        {
            var live = i.Stage != IncidentStage.Rejected;
            Incident(i.ReportedAt, i, c =>
            {
                c.Received++;
                if (live && i.RespondedAt is not null && !i.RespondBreached) c.RespondMet++;
                if (live && i.RespondBreached) c.RespondMissed++;
                if (live && i.RepliedAt is not null && !i.ReplyBreached) c.ReplyMet++;
                if (live && i.ReplyBreached) c.ReplyMissed++;
                if (live && i.ClosedAt is not null && !i.ResolveBreached) c.ResolveMet++;
                if (live && i.ResolveBreached) c.ResolveMissed++;
            });
            Incident(i.FiledAt, i, c => c.Filed++);
            Incident(i.DispatchedAt, i, c => c.Dispatched++);
            Incident(i.ClosedAt, i, c =>
            {
                c.Closed++;
                c.Due++;
                if (i.ClosedAt <= i.ResolveDueAt) c.ClosedOnTime++;
                switch (i.ClosedTier)
                {
                    case HandlingTier.Grid: c.ClosedAtGrid++; break;
                    case HandlingTier.Community: c.ClosedAtCommunity++; break;
                    case HandlingTier.Street: c.ClosedAtStreet++; break;
                    case HandlingTier.Department: c.ClosedAtDepartment++; break;
                    case HandlingTier.District: c.ClosedAtDistrict++; break;
                }
            });
            if (i.IsOpen && i.ResolveBreached)
            {
                Incident(i.ResolveDueAt, i, c => c.Due++);
            }
        }
        foreach (var h in history)
        {
            Incident(h.At, incidents[h.IncidentId], c =>
            {
                if (h.Action == IncidentAction.Rework) c.Reworked++; else c.Extended++;
            });
        }
        foreach (var r in ratings)
        {
            var i = r.IncidentId is { } id ? incidents[id] : null;
            Count(r.RatedAt, r.GridId, i?.CategoryId ?? 0, i is null ? IncidentRollup.NoSource : (int)i.Source, i?.HandlingUnitId ?? 0, i?.ReporterGridWorkerId ?? 0, c =>
            {
                switch (r.Level)
                {
                    case RatingLevel.VerySatisfied: c.RatedVerySatisfied++; break;
                    case RatingLevel.Satisfied: c.RatedSatisfied++; break;
                    case RatingLevel.Neutral: c.RatedNeutral++; break;
                    case RatingLevel.Dissatisfied: c.RatedDissatisfied++; break;
                    default: c.RatedVeryDissatisfied++; break;
                }
            });
        }
        foreach (var c in checkIns)
        {
            Count(c.At, c.GridId, 0, IncidentRollup.NoSource, 0, c.Patrol!.GridWorkerId, x => x.CheckIns++);
        }

        var actual = await ReadRollupsAsync(database);
        var expectedText = new SortedDictionary<string, string>(expected.ToDictionary(e => e.Key, e => Counters(e.Value)), StringComparer.Ordinal);
        Assert.Equal(expectedText.Count, actual.Count);
        Assert.Equal(expectedText, actual);

        // Denormalised parents follow the grid.
        foreach (var row in await db.Set<IncidentRollup>().AsNoTracking().Take(200).ToListAsync())
        {
            Assert.Equal(grids[row.GridId].CommunityId, row.CommunityId);
            Assert.Equal(grids[row.GridId].StreetId, row.StreetId);
        }
    }
}
