using System.Data.Common;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Providers;
using CommandCenter.Data.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Data.Tests.Auditing;

/// <summary>The keyed chain and its signed head on each provider: tampering of every kind is found; the database refuses changes.</summary>
public sealed class AuditChainTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero));

    internal static InstallationSecrets Secrets(string key = "test-audit-key-0123456789") =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [InstallationSecrets.AuditHmacKeySetting] = key }).Build());

    private static async Task<List<AuditEntry>> AppendAsync(AuditLog log, int count)
    {
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            entries.Add(await log.AppendAsync(new AuditRecord($"u{i}", $"用户{i}", AuditActions.SignIn, "AppUser", $"{i}", $"第{i}次", "127.0.0.1")));
        }
        return entries;
    }

    /// <summary>Runs SQL past the append-only triggers, as someone with direct database access could.</summary>
    internal static async Task TamperAsync(TestDatabase database, string sql)
    {
        await using var db = database.CreateContext();
        var statements = database.Provider == DatabaseProvider.PostgreSql
            ? $"SET session_replication_role = replica; {sql}; SET session_replication_role = DEFAULT;"
            : $"DROP TRIGGER IF EXISTS AuditEntries_NoUpdate; DROP TRIGGER IF EXISTS AuditEntries_NoDelete; {sql}";
        await db.Database.ExecuteSqlRawAsync(statements);
    }

    private static async Task<(TestDatabase Database, AuditLog Log, AuditChainVerifier Verifier)> ArrangeAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var factory = new TestContextFactory(database);
        var secrets = Secrets();
        var log = new AuditLog(factory, Clock, secrets);
        return (database, log, new AuditChainVerifier(factory, secrets, log));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task An_untouched_chain_is_intact_and_its_head_signs_the_newest_entry(DatabaseProvider provider)
    {
        var (database, log, verifier) = await ArrangeAsync(provider);
        await using var _ = database;
        var entries = await AppendAsync(log, 5);

        var result = await verifier.VerifyAsync();

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(5, result.EntriesChecked);
        Assert.All(entries, e => Assert.Equal(AuditHash.HmacVersion, e.HashVersion));
        await using var db = database.CreateContext();
        var head = await db.AuditChainHeads.SingleAsync();
        Assert.Equal((entries[^1].Id, entries[^1].Hash, 5L), (head.LastEntryId, head.LastHash, head.Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task An_edited_entry_is_found(DatabaseProvider provider)
    {
        var (database, log, verifier) = await ArrangeAsync(provider);
        await using var _ = database;
        var entries = await AppendAsync(log, 5);
        await TamperAsync(database, $"UPDATE \"AuditEntries\" SET \"Detail\" = '改过了' WHERE \"Id\" = {entries[2].Id}");

        var result = await verifier.VerifyAsync();

        Assert.Equal(entries[2].Id, result.FirstBrokenId);
        Assert.Equal(2, result.EntriesChecked);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Deleting_the_newest_entry_is_found_by_the_signed_head(DatabaseProvider provider)
    {
        var (database, log, verifier) = await ArrangeAsync(provider);
        await using var _ = database;
        var entries = await AppendAsync(log, 5);
        await TamperAsync(database, $"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entries[4].Id}");

        var result = await verifier.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(entries[4].Id, result.FirstBrokenId);
        Assert.Equal(4, result.EntriesChecked);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Deleting_the_newest_entry_and_moving_the_head_back_is_found_by_its_signature(DatabaseProvider provider)
    {
        var (database, log, verifier) = await ArrangeAsync(provider);
        await using var _ = database;
        var entries = await AppendAsync(log, 3);
        await TamperAsync(database, $"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entries[2].Id}; " +
            $"UPDATE \"AuditChainHeads\" SET \"LastEntryId\" = {entries[1].Id}, \"LastHash\" = '{entries[1].Hash}', \"Count\" = 2");

        var result = await verifier.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Contains("signature", result.Problem);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Deleting_an_entry_in_the_middle_breaks_the_next_link(DatabaseProvider provider)
    {
        var (database, log, verifier) = await ArrangeAsync(provider);
        await using var _ = database;
        var entries = await AppendAsync(log, 4);
        await TamperAsync(database, $"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entries[1].Id}");

        Assert.Equal(entries[2].Id, (await verifier.VerifyAsync()).FirstBrokenId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task An_inserted_entry_is_found_even_with_a_correct_unkeyed_hash(DatabaseProvider provider)
    {
        var (database, log, verifier) = await ArrangeAsync(provider);
        await using var _ = database;
        var entries = await AppendAsync(log, 3);
        // A forger without the key: links to the newest entry and hashes the way the old, unkeyed chain did.
        var forged = new AuditEntry
        {
            At = entries[^1].At, UserName = "伪造", Action = "sign-in", PreviousHash = entries[^1].Hash, Hash = string.Empty, HashVersion = AuditHash.Sha256Version,
        };
        forged.Hash = AuditHash.Compute(forged.PreviousHash, forged, []);
        await using (var db = database.CreateContext())
        {
            db.AuditEntries.Add(forged);
            await db.SaveChangesAsync();
        }

        var result = await verifier.VerifyAsync();

        Assert.Equal(forged.Id, result.FirstBrokenId);
        Assert.Equal(3, result.EntriesChecked);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Another_key_does_not_verify_the_chain(DatabaseProvider provider)
    {
        var (database, log, _) = await ArrangeAsync(provider);
        await using var __ = database;
        await AppendAsync(log, 2);

        var result = await new AuditChainVerifier(new TestContextFactory(database), Secrets("another-key-9876543210"), log).VerifyAsync();

        Assert.False(result.IsIntact);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task The_database_refuses_to_update_or_delete_audit_rows(DatabaseProvider provider)
    {
        var (database, log, verifier) = await ArrangeAsync(provider);
        await using var _ = database;
        var entries = await AppendAsync(log, 2);
        await using var db = database.CreateContext();

        await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = 'x' WHERE \"Id\" = {entries[0].Id}"));
        await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entries[1].Id}"));
        await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEntries.ExecuteDeleteAsync());

        Assert.True((await verifier.VerifyAsync()).IsIntact);
        Assert.Equal(2, await db.AuditEntries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task An_unkeyed_chain_from_before_the_migration_verifies_and_continues_keyed(DatabaseProvider provider)
    {
        var (database, log, verifier) = await ArrangeAsync(provider);
        await using var _ = database;
        await using (var db = database.CreateContext())
        {
            var previous = AuditHash.Genesis;
            for (var i = 0; i < 3; i++)
            {
                var old = new AuditEntry { At = AuditHash.Normalize(Clock.GetUtcNow().UtcDateTime), UserName = "旧", Action = "sign-in", PreviousHash = previous, Hash = "", HashVersion = AuditHash.Sha256Version };
                old.Hash = AuditHash.Compute(previous, old, []);
                db.AuditEntries.Add(old);
                await db.SaveChangesAsync();
                previous = old.Hash;
            }
        }
        Assert.True((await verifier.VerifyAsync()).IsIntact);

        await AppendAsync(log, 2);

        var result = await verifier.VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(5, result.EntriesChecked);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task An_append_in_the_callers_transaction_rolls_back_with_it(DatabaseProvider provider)
    {
        var (database, log, verifier) = await ArrangeAsync(provider);
        await using var _ = database;
        await AppendAsync(log, 1);
        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await log.AppendAsync(db, new AuditRecord(null, "回滚", "test"));
            await transaction.RollbackAsync();
        }
        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await log.AppendAsync(db, new AuditRecord(null, "提交", "test"));
            await transaction.CommitAsync();
        }

        var result = await verifier.VerifyAsync();

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(2, result.EntriesChecked);
        await using var check = database.CreateContext();
        Assert.False(await check.AuditEntries.AnyAsync(e => e.UserName == "回滚"));
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql, 200)]
    [InlineData(DatabaseProvider.Sqlite, 50)]
    public async Task Two_writers_on_two_contexts_keep_one_chain(DatabaseProvider provider, int perWriter)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Two nodes: each its own log and context factory, sharing only the database and the configured key.
        var first = new AuditLog(new TestContextFactory(database), Clock, Secrets());
        var second = new AuditLog(new TestContextFactory(database), Clock, Secrets());

        await Task.WhenAll(
            Task.Run(() => WriteAsync(first, "甲")),
            Task.Run(() => WriteAsync(second, "乙")));

        var result = await new AuditChainVerifier(new TestContextFactory(database), Secrets(), first).VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(2 * perWriter, result.EntriesChecked);

        // Each node appends on four lanes at once (a bounded number of connections: the test server is shared).
        async Task WriteAsync(AuditLog log, string node) =>
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async lane =>
            {
                for (var i = lane; i < perWriter; i += 4)
                {
                    await log.AppendAsync(new AuditRecord(null, $"{node}{i}", "test"));
                }
            }));
    }
}
