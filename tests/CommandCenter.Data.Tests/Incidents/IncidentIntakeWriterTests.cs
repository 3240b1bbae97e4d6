using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Incidents;

/// <summary>Group commit of reports (<see cref="IncidentIntakeWriter"/>) with the idempotency keys checked in the same transaction.</summary>
public class IncidentIntakeWriterTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 17, 0, 0, DateTimeKind.Utc);
    private static readonly IncidentActor Worker = new(null, "网格员");

    /// <summary>What the real in-process feed delivered.</summary>
    private sealed class Notices
    {
        public Notices(ILiveFeed feed) => feed.Subscribe(notice =>
        {
            lock (Published)
            {
                Published.Add(notice);
            }
            return ValueTask.CompletedTask;
        });

        public List<ChangeNotice> Published { get; } = [];
    }

    private static async Task<(IncidentIntakeService Intake, FakeTimeProvider Clock, Notices Feed)> ArrangeAsync(TestDatabase database)
    {
        await using (var db = database.CreateContext())
        {
            await SampleData.AddGridAsync(db);
            db.IncidentCategories.Add(new IncidentCategory { Code = "E0401", Kind = CategoryKind.Event, MajorCode = "04", MajorName = "街面秩序", MinorCode = "01", MinorName = "无照经营游商" });
            await db.SaveChangesAsync();
        }
        var factory = new TestContextFactory(database);
        var clock = new FakeTimeProvider(Now);
        var feed = new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance);
        return (new IncidentIntakeService(factory, new GridLocator(factory), Options.Create(new SlaOptions()), clock, feed), clock, new Notices(feed));
    }

    private static IncidentReport Report(int n) => new()
    {
        Title = $"流动摊贩占道经营 {n}",
        Source = SourceChannel.GridWorker,
        CategoryCode = "E0401",
        GridCode = "610202001001001",
    };

    private static IntakeIdempotency Keyed(string key, string hash = "h") =>
        new(new IdempotencyKey("apikey:1", key, hash), (incident, gridCode) => $"{{\"id\":{incident.Id},\"number\":\"{incident.Number}\",\"grid\":\"{gridCode}\",\"category\":\"{incident.Category!.Code}\"}}");

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_reports_commit_in_groups_with_consecutive_numbers_and_their_keys(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (intake, _, feed) = await ArrangeAsync(database);

        var results = await Task.WhenAll(Enumerable.Range(0, 150).Select(n => Task.Run(() => intake.ReportAsync(Report(n), Worker, null, Keyed($"k-{n}")))));

        Assert.All(results, r => Assert.Equal(IntakeStatus.Created, r.Status));
        await using var db = database.CreateContext();
        var numbers = await db.Incidents.OrderBy(i => i.Number).Select(i => i.Number).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 150).Select(n => $"20261123{n:D6}"), numbers);
        Assert.Equal(150, await db.IncidentHistory.CountAsync());
        var records = await db.Set<IdempotencyRecord>().ToListAsync();
        Assert.Equal(150, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(IdempotencyState.Completed, r.State);
            var created = results.Single(x => x.Incident!.Id == r.ResourceId);
            Assert.Equal(created.Answer, r.ResponseBody); // the answer is stored with the key, in the incident's transaction
            Assert.Contains("\"category\":\"E0401\"", r.ResponseBody, StringComparison.Ordinal);
        });
        Assert.Equal(150, feed.Published.Count(n => n.Kind == ChangeKind.IncidentCreated));
        Assert.Equal(150, (await db.Set<SequenceCounter>().SingleAsync()).Value);
        var (reports, transactions) = intake.Committed;
        Assert.Equal(150, reports);
        Assert.InRange(transactions, 1, 149); // reports that arrive during a commit share the next one
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task The_same_key_replays_the_first_answer_and_another_request_under_it_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (intake, _, _) = await ArrangeAsync(database);

        // Retries racing each other (they may land in one group): one incident, every retry the first answer.
        var racing = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => intake.ReportAsync(Report(1), Worker, null, Keyed("same")))));
        var created = Assert.Single(racing, r => r.Status == IntakeStatus.Created);
        Assert.All(racing.Where(r => r != created), r =>
        {
            Assert.Equal(IntakeStatus.Replayed, r.Status);
            Assert.Equal(created.Answer, r.Replay!.ResponseBody);
            Assert.Equal(created.Incident!.Id, r.Replay.ResourceId);
            Assert.Equal(201, r.Replay.StatusCode);
        });

        var later = await intake.ReportAsync(Report(1), Worker, null, Keyed("same"));
        Assert.Equal(IntakeStatus.Replayed, later.Status);
        Assert.Equal(created.Answer, later.Replay!.ResponseBody);
        Assert.Equal(IntakeStatus.KeyReused, (await intake.ReportAsync(Report(2), Worker, null, Keyed("same", "other"))).Status);
        // The first answer wins over a refusal the retry would get today (here: the caller's area changed).
        Assert.Equal(IntakeStatus.Replayed, (await intake.ReportAsync(Report(1), Worker, "610202002", Keyed("same"))).Status);
        Assert.Equal(IntakeStatus.OutOfScope, (await intake.ReportAsync(Report(1), Worker, "610202002", Keyed("fresh"))).Status);

        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Incidents.CountAsync());
        Assert.Equal(1, await db.Set<IdempotencyRecord>().CountAsync());
    }

    [Fact]
    public async Task A_key_reserved_elsewhere_is_in_flight_until_abandoned_then_taken_over()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (intake, clock, _) = await ArrangeAsync(database);
        await using (var reserving = database.CreateContext())
        {
            // A reservation as older versions wrote it before their work.
            reserving.Add(new IdempotencyRecord { ClientId = "apikey:1", Key = "k", RequestHash = "h", State = IdempotencyState.InFlight, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await reserving.SaveChangesAsync();
        }

        Assert.Equal(IntakeStatus.KeyInFlight, (await intake.ReportAsync(Report(1), Worker, null, Keyed("k"))).Status);
        clock.Advance(IdempotencyStore.AbandonAfter + TimeSpan.FromSeconds(1));
        var taken = await intake.ReportAsync(Report(1), Worker, null, Keyed("k"));

        Assert.Equal(IntakeStatus.Created, taken.Status);
        await using var db = database.CreateContext();
        var record = await db.Set<IdempotencyRecord>().SingleAsync();
        Assert.Equal(IdempotencyState.Completed, record.State);
        Assert.Equal(taken.Incident!.Id, record.ResourceId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_report_that_fails_in_its_transaction_fails_alone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (intake, _, feed) = await ArrangeAsync(database);

        // Every seventh report's own further write fails (as a broken SOS alert would); it may share a group with others.
        var tasks = Enumerable.Range(0, 70).Select(n => Task.Run(() => intake.ReportAsync(Report(n), Worker, null, Keyed($"k-{n}"),
            (db, incident, _) => n % 7 == 0 ? throw new InvalidOperationException($"report {n} breaks") : Task.CompletedTask))).ToList();
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        for (var n = 0; n < 70; n++)
        {
            if (n % 7 == 0)
            {
                var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[n]);
                Assert.Equal($"report {n} breaks", error.Message);
            }
            else
            {
                Assert.Equal(IntakeStatus.Created, (await tasks[n]).Status);
            }
        }
        await using var check = database.CreateContext();
        Assert.Equal(60, await check.Incidents.CountAsync());
        Assert.Equal(60, await check.Set<IdempotencyRecord>().CountAsync());
        Assert.Equal(60, feed.Published.Count);
        Assert.DoesNotContain(await check.Set<IdempotencyRecord>().Select(r => r.Key).ToListAsync(), k => int.Parse(k[2..], System.Globalization.CultureInfo.InvariantCulture) % 7 == 0);
        // The failed reports' keys are free: a retry goes ahead.
        Assert.Equal(IntakeStatus.Created, (await intake.ReportAsync(Report(0), Worker, null, Keyed("k-0"))).Status);
    }

    [Fact]
    public async Task The_change_notice_carries_the_commit_time()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (intake, clock, feed) = await ArrangeAsync(database);

        var created = await intake.ReportAsync(Report(1), Worker, null, Keyed("k"), (_, _, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(40)); // time passes inside the transaction
            return Task.CompletedTask;
        });

        var notice = Assert.Single(feed.Published);
        Assert.Equal(created.Incident!.Id, notice.EntityId);
        Assert.Equal(Now.AddMilliseconds(40), notice.At);
        Assert.Equal(Now, created.Incident.ReportedAt);
    }
}
