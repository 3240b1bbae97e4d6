using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Idempotency;

public class IdempotencyStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    /// <summary>A write of one counter row per call: a duplicate shows as a second row.</summary>
    private static Task<Idempotent<OperationResult<SequenceCounter>>> WriteAsync(
        TestContextFactory factory, TimeProvider time, IdempotencyKey? key, bool refuse = false, TimeSpan? hold = null) =>
        IdempotencyStore.RunAsync(factory, time, key is null ? null : new IdempotentRequest<SequenceCounter>(key, c => $"{{\"value\":{c.Value}}}"),
            201, "counter", c => c.Value, async (db, _, ct) =>
            {
                if (refuse)
                {
                    return OperationResult<SequenceCounter>.Invalid("x", "Refused.");
                }
                var count = await db.Set<SequenceCounter>().CountAsync(ct);
                var counter = new SequenceCounter { Key = $"row-{Guid.NewGuid():N}"[..20], Value = count + 1 };
                db.Add(counter);
                await db.SaveChangesAsync(ct);
                if (hold is { } delay)
                {
                    await Task.Delay(delay, ct); // the transaction stays open: a concurrent duplicate meets it
                }
                return OperationResult<SequenceCounter>.Ok(counter);
            }, CancellationToken.None);

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task First_write_records_its_answer_a_retry_replays_it_and_another_body_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var factory = new TestContextFactory(database);
        var clock = new FakeTimeProvider(Now);

        var first = await WriteAsync(factory, clock, new("apikey:1", "k-1", "hash-a"));
        Assert.Equal(IdempotencyOutcome.New, first.Outcome);
        Assert.Equal("{\"value\":1}", first.Answer);
        var retry = await WriteAsync(factory, clock, new("apikey:1", "k-1", "hash-a"));
        Assert.Equal(IdempotencyOutcome.Replay, retry.Outcome);
        Assert.Equal("{\"value\":1}", retry.Record!.ResponseBody);
        Assert.Equal(201, retry.Record.StatusCode);
        Assert.Equal(IdempotencyOutcome.KeyReused, (await WriteAsync(factory, clock, new("apikey:1", "k-1", "hash-b"))).Outcome);
        Assert.Equal(IdempotencyOutcome.New, (await WriteAsync(factory, clock, new("apikey:2", "k-1", "hash-a"))).Outcome); // another client

        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Set<SequenceCounter>().CountAsync());
        Assert.Equal(2, await check.Set<IdempotencyRecord>().CountAsync());
    }

    [Fact]
    public async Task A_refused_write_records_nothing_so_the_key_stays_free()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var factory = new TestContextFactory(database);
        var clock = new FakeTimeProvider(Now);

        var refused = await WriteAsync(factory, clock, new("user:u", "k", "h"), refuse: true);
        Assert.False(refused.Result!.Succeeded);
        Assert.Equal(IdempotencyOutcome.New, (await WriteAsync(factory, clock, new("user:u", "k", "other"))).Outcome);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Two_concurrent_writes_with_one_key_commit_once_and_the_other_replays(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var factory = new TestContextFactory(database);
        var clock = new FakeTimeProvider(Now);

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => WriteAsync(factory, clock, new("apikey:1", "same", "h"), hold: TimeSpan.FromMilliseconds(200)))));

        Assert.Equal([IdempotencyOutcome.New, IdempotencyOutcome.Replay], both.Select(r => r.Outcome).Order());
        Assert.Equal(both.Single(r => r.Outcome == IdempotencyOutcome.New).Answer, both.Single(r => r.Outcome == IdempotencyOutcome.Replay).Record!.ResponseBody);
        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Set<SequenceCounter>().CountAsync());
        Assert.Equal(1, await check.Set<IdempotencyRecord>().CountAsync());
    }

    [Fact]
    public async Task An_old_reservation_is_in_flight_until_abandoned_then_taken_over()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var factory = new TestContextFactory(database);
        var clock = new FakeTimeProvider(Now);
        await using (var db = database.CreateContext())
        {
            db.Add(new IdempotencyRecord { ClientId = "user:u", Key = "k", RequestHash = "h", State = IdempotencyState.InFlight, CreatedAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }

        Assert.Equal(IdempotencyOutcome.InFlight, (await WriteAsync(factory, clock, new("user:u", "k", "h"))).Outcome);
        clock.Advance(IdempotencyStore.AbandonAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(IdempotencyOutcome.New, (await WriteAsync(factory, clock, new("user:u", "k", "h"))).Outcome);

        await using var check = database.CreateContext();
        var record = await check.Set<IdempotencyRecord>().SingleAsync();
        Assert.Equal(IdempotencyState.Completed, record.State);
        Assert.Equal(1, await check.Set<SequenceCounter>().CountAsync());
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("abc-123_X", true)]
    [InlineData("has space", false)]
    [InlineData("全角", false)]
    public void Keys_are_printable_ascii(string key, bool valid) => Assert.Equal(valid, IdempotencyStore.IsValidKey(key));
}
