using CommandCenter.Data;
using CommandCenter.Data.Analytics;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.People;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Components.Analytics;

/// <summary>
/// The test district plus a household numbered as the demo numbers them (building code + "-unit-floor-room") with
/// two residents, and the rollups and today's snapshot built by the real builders.
/// </summary>
/// <summary>
/// The app for the analytics tests, without the job server: the start-up rollup job would otherwise build today's
/// snapshot from the database as it was before <see cref="AnalyticsSite"/> seeded it, and could commit it after the
/// site's own snapshot (an export then read 0 residents).
/// </summary>
public sealed class AnalyticsFactory : CommandCenterFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Jobs:RunServer"] = "false",
    };
}

public static class AnalyticsSite
{
    public const string District = "610202";
    public const string Street = "610202001";
    public const string Community = "610202001001";
    public const string Grid = "610202001001001";
    public const string OtherGrid = "610202001001002";
    public const string Building = Grid + "0001";
    public const string Household = Building + "-1-9-0901";
    public const string ResidentName = "欧阳明月";
    public const string ResidentPhone = "13912345678";

    private static readonly SemaphoreSlim Once = new(1, 1);

    public static async Task EnsureAsync(CommandCenterFactory factory)
    {
        await Once.WaitAsync();
        try
        {
            var added = false;
            await factory.WithDbAsync(async db =>
            {
                if (await db.Households.AnyAsync(h => h.Number == Household))
                {
                    return;
                }
                if (!await db.Districts.AnyAsync())
                {
                    await TestDistrict.AddAsync(db, DateTime.UtcNow);
                }
                var building = await db.Buildings.SingleAsync(b => b.Code == Building);
                var room = new Data.Places.Room { BuildingId = building.Id, GridId = building.GridId, Number = "1-9-0901", Unit = 1, Floor = 9 };
                var household = new Household { Room = room, GridId = building.GridId, BuildingId = building.Id, Number = Household, MemberCount = 2 };
                db.AddRange(room, household,
                    new Resident { Household = household, GridId = building.GridId, Name = ResidentName, IdNumber = "610202199001011234", IdNumberHash = "an1", Phone = ResidentPhone, BirthDate = new DateOnly(1990, 1, 1), IsHouseholdHead = true },
                    new Resident { Household = household, GridId = building.GridId, Name = "李小华", IdNumber = "610202201501011234", IdNumberHash = "an2", BirthDate = new DateOnly(2015, 1, 1), KeyGroups = KeyGroups.Child });
                await db.SaveChangesAsync();

                // Recent incidents in two grids (TestDistrict's are months old): some closed at the grid, one overdue.
                var now = DateTime.UtcNow;
                var category = await db.IncidentCategories.FirstAsync(c => c.Code == "E0101");
                var grids = await db.Grids.Where(g => g.Code == Grid || g.Code == OtherGrid).ToListAsync();
                for (var i = 0; i < 8; i++)
                {
                    var grid = grids[i % 2];
                    var reported = now.AddHours(-3 - 9 * i);
                    var closed = i % 3 != 2;
                    db.Incidents.Add(new Incident
                    {
                        Number = $"AN{i:000000}", Title = "暴露垃圾", Description = "测试", CategoryId = category.Id, Source = (SourceChannel)(i % 3),
                        GridId = grid.Id, CommunityId = grid.CommunityId, StreetId = grid.StreetId, ReportedAt = reported, UpdatedAt = reported.AddHours(2),
                        FiledAt = reported.AddMinutes(5), DispatchedAt = reported.AddMinutes(8), RespondedAt = reported.AddMinutes(10),
                        ClosedAt = closed ? reported.AddHours(2) : null, ClosedTier = closed ? HandlingTier.Grid : null,
                        Stage = closed ? IncidentStage.Closed : IncidentStage.Handling,
                        RespondDueAt = reported.AddMinutes(15), ReplyDueAt = reported.AddMinutes(30), ResolveDueAt = reported.AddHours(24),
                    });
                }
                await db.SaveChangesAsync();
                added = true;
            });
            if (added)
            {
                var today = ChinaDay.Of(DateTime.UtcNow);
                await factory.Services.GetRequiredService<IncidentRollupBuilder>().RebuildAsync(today.AddDays(-40), today.AddDays(1));
                await factory.Services.GetRequiredService<NodeSnapshotBuilder>().TakeAsync(today);
            }
        }
        finally
        {
            Once.Release();
        }
    }
}
