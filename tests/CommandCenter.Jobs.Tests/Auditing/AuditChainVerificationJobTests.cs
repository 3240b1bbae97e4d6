using CommandCenter.Data;
using CommandCenter.Data.Auditing;
using CommandCenter.Jobs.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Jobs.Tests.Auditing;

public sealed class AuditChainVerificationJobTests : IAsyncLifetime
{
    private JobsTestServices _host = null!;

    public async Task InitializeAsync() => _host = await JobsTestServices.CreateAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<AuditEntry>> AppendAsync(int count)
    {
        var log = _host.Services.GetRequiredService<AuditLog>();
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            entries.Add(await log.AppendAsync(new AuditRecord($"u{i}", $"用户{i}", AuditActions.SignIn, "AppUser", $"{i}", $"第{i}次", "127.0.0.1")));
        }
        return entries;
    }

    /// <summary>Tampers past the append-only triggers (SQLite), as someone with the database file could.</summary>
    private async Task ExecuteSqlAsync(string sql)
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<CommandCenterDbContext>>().CreateDbContextAsync();
        var statements = $"DROP TRIGGER IF EXISTS AuditEntries_NoUpdate; DROP TRIGGER IF EXISTS AuditEntries_NoDelete; {sql}";
        await db.Database.ExecuteSqlRawAsync(statements);
    }

    private Task<AuditChainResult> RunJobAsync() =>
        ActivatorUtilities.CreateInstance<AuditChainVerificationJob>(_host.Services).RunAsync(CancellationToken.None);

    [Fact]
    public async Task Intact_chain_passes()
    {
        await AppendAsync(5);

        var result = await RunJobAsync();

        Assert.True(result.IsIntact);
        Assert.Equal(5, result.EntriesChecked);
    }

    [Fact]
    public async Task Empty_log_passes()
    {
        var result = await RunJobAsync();

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.EntriesChecked);
    }

    [Fact]
    public async Task Entries_are_linked_from_the_genesis_hash()
    {
        var entries = await AppendAsync(3);

        Assert.Equal(AuditHash.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.Equal(64, entries[2].Hash.Length);
    }

    [Fact]
    public async Task Tampered_detail_is_found_at_its_entry()
    {
        var entries = await AppendAsync(5);
        await ExecuteSqlAsync($"UPDATE AuditEntries SET Detail = '改过了' WHERE Id = {entries[2].Id}");

        var result = await RunJobAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(entries[2].Id, result.FirstBrokenId);
        Assert.Equal(2, result.EntriesChecked);
    }

    [Fact]
    public async Task Rehashed_tampering_breaks_the_next_link()
    {
        var entries = await AppendAsync(4);
        await ExecuteSqlAsync($"UPDATE AuditEntries SET Hash = '{new string('a', 64)}' WHERE Id = {entries[1].Id}");

        var result = await RunJobAsync();

        Assert.Equal(entries[1].Id, result.FirstBrokenId);
    }

    [Fact]
    public async Task Deleted_entry_breaks_the_chain()
    {
        var entries = await AppendAsync(4);
        await ExecuteSqlAsync($"DELETE FROM AuditEntries WHERE Id = {entries[1].Id}");

        var result = await RunJobAsync();

        Assert.Equal(entries[2].Id, result.FirstBrokenId);
    }

    [Fact]
    public async Task The_context_refuses_to_change_audit_rows()
    {
        await AppendAsync(1);
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<CommandCenterDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.FirstAsync();
        entry.Detail = "changed";

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Concurrent_appends_keep_one_linear_chain()
    {
        var log = _host.Services.GetRequiredService<AuditLog>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => log.AppendAsync(new AuditRecord(null, $"并发{i}", "test"))));

        var result = await RunJobAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(20, result.EntriesChecked);
    }
}
