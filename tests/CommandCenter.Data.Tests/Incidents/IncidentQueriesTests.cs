using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Providers;

namespace CommandCenter.Data.Tests.Incidents;

/// <summary>The incident read side on each provider: one scope filter, masking before a record leaves, the API's paging.</summary>
public class IncidentQueriesTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
    private const string Square = """{"type":"Polygon","coordinates":[[[109.0,35.0],[109.01,35.0],[109.01,35.01],[109.0,35.01],[109.0,35.0]]]}""";
    private const string OtherStreet = "610202002";

    /// <summary>Three incidents in the first street's grid (newest last) and one in a second street's grid.</summary>
    private static async Task<(Grid Home, Grid Away, Incident[] Home3, Incident Away1)> SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var home = await SampleData.AddGridAsync(db);
        var street = new Street { DistrictId = (await db.Streets.FindAsync(home.StreetId))!.DistrictId, Code = OtherStreet, Name = "城东街道", Boundary = Square };
        var community = new Community { Street = street, Code = OtherStreet + "001", Name = "东风社区", Boundary = Square };
        var away = new Grid { Community = community, Code = OtherStreet + "001001", Name = "东风第一网格", Boundary = Square };
        db.AddRange(street, community, away);
        await db.SaveChangesAsync();
        away.StreetId = street.Id;
        var category = new IncidentCategory { Code = "C0101", Kind = CategoryKind.Component, MajorCode = "01", MajorName = "公用设施", MinorCode = "01", MinorName = "井盖缺失" };
        Incident Make(int n, Grid grid, DateTime at) => new()
        {
            Number = $"2026112200000{n}", Title = $"井盖缺失{n}，联系13912345678", Description = "门前井盖缺失", Source = SourceChannel.Hotline12345, Category = category,
            Priority = IncidentPriority.Normal, GridId = grid.Id, CommunityId = grid.CommunityId, StreetId = grid.StreetId,
            ReporterName = "王秀英", ReporterPhone = "13912345678", Stage = IncidentStage.Reported, Tier = HandlingTier.Grid,
            ReportedAt = at, RespondDueAt = at.AddMinutes(15), ReplyDueAt = at.AddMinutes(30), ResolveDueAt = at.AddHours(24), UpdatedAt = at, Version = 1,
        };
        Incident[] home3 = [Make(1, home, Now.AddHours(-3)), Make(2, home, Now.AddHours(-2)), Make(3, home, Now.AddHours(-2))];
        var away1 = Make(4, away, Now.AddHours(-1));
        db.Incidents.AddRange([.. home3, away1]);
        await db.SaveChangesAsync();
        return (home, away, home3, away1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_scoped_caller_never_sees_an_incident_outside_its_prefix(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (home, away, home3, away1) = await SeedAsync(database);
        var queries = new IncidentQueries(new TestContextFactory(database));
        var scope = home.Code[..9]; // the first street

        var list = await queries.ListAsync(new IncidentListFilter(), scope, CancellationToken.None);
        var queue = await queries.QueueAsync(scope, QueueView.MyArea, null, Now, CancellationToken.None);
        // A node outside the scope does not widen it: the scope still decides.
        var widened = await queries.ListAsync(new IncidentListFilter { Node = OtherStreet }, scope, CancellationToken.None);

        Assert.Equal(home3.Select(i => i.Id).Order(), list.Items.Select(i => i.Id).Order());
        Assert.Equal(3, list.Total);
        Assert.Equal(home3.Select(i => i.Id).Order(), queue.Select(r => r.Id).Order());
        Assert.DoesNotContain(widened.Items, i => i.Id == away1.Id);
        Assert.Null(await queries.DetailAsync(away1.Id, scope, CancellationToken.None));
        Assert.NotNull(await queries.DetailAsync(away1.Id, away.Code, CancellationToken.None));
        Assert.Equal(4, (await queries.ListAsync(new IncidentListFilter(), null, CancellationToken.None)).Total);
        Assert.Equal([away1.Id], (await queries.ListAsync(new IncidentListFilter { Node = away.Code }, null, CancellationToken.None)).Items.Select(i => i.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task Reporter_and_free_text_are_masked_in_every_record(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, _, home3, _) = await SeedAsync(database);
        var queries = new IncidentQueries(new TestContextFactory(database));

        var found = await queries.FindAsync(home3[0].Id, CancellationToken.None);
        var detail = await queries.DetailAsync(home3[0].Id, null, CancellationToken.None);
        var listed = (await queries.ListAsync(new IncidentListFilter(), null, CancellationToken.None)).Items.Single(i => i.Id == home3[0].Id);

        foreach (var record in new[] { found!, detail!.Incident, listed })
        {
            Assert.Equal("王**", record.ReporterName);
            Assert.Equal("139****5678", record.ReporterPhone);
            Assert.DoesNotContain("13912345678", record.Title, StringComparison.Ordinal);
        }
        Assert.Equal("139****5678", detail.ReporterPhone);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task A_reporter_named_as_the_history_actor_is_masked_and_officers_are_not(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, _, home3, _) = await SeedAsync(database);
        await using (var db = database.CreateContext())
        {
            db.IncidentHistory.AddRange(
                new IncidentHistory { IncidentId = home3[0].Id, Version = 1, Action = IncidentAction.Report, ActorName = "王秀英", At = Now, Note = "回电 13912345678" },
                new IncidentHistory { IncidentId = home3[0].Id, Version = 2, Action = IncidentAction.File, ActorId = "officer", ActorName = "值班员李明", At = Now });
            await db.SaveChangesAsync();
        }
        var queries = new IncidentQueries(new TestContextFactory(database));

        var history = await queries.HistoryAsync(home3[0].Id, CancellationToken.None);

        Assert.Equal(["王**", "值班员李明"], history.Select(h => h.ActorName));
        Assert.Equal("回电 139****5678", history[0].Note);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.RunnableProviders), MemberType = typeof(TestDatabase))]
    public async Task The_list_pages_newest_first_then_by_id(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, _, home3, away1) = await SeedAsync(database);
        var queries = new IncidentQueries(new TestContextFactory(database));

        var first = await queries.ListAsync(new IncidentListFilter { Page = 1, PageSize = 3 }, null, CancellationToken.None);
        var second = await queries.ListAsync(new IncidentListFilter { Page = 2, PageSize = 3 }, null, CancellationToken.None);

        // home3[1] and home3[2] share a time: the higher id comes first.
        Assert.Equal([away1.Id, home3[2].Id, home3[1].Id], first.Items.Select(i => i.Id));
        Assert.Equal([home3[0].Id], second.Items.Select(i => i.Id));
        Assert.Equal(4, first.Total);
        Assert.Equal(4, second.Total);
        Assert.Equal(OtherStreet + "001001", first.Items[0].GridCode);
    }
}
