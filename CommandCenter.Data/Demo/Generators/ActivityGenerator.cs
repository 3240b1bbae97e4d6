using CommandCenter.Data.Organizations;
using CommandCenter.Data.Patrols;
using CommandCenter.Data.People;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.ServiceOrders;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>Patrols with check-ins, service orders (点单-接单-销单) and micro-wishes (微心愿) over the year before the anchor.</summary>
internal static class ActivityGenerator
{
    /// <summary>Check-in rows are kept for the last 90 days (the retention of the live patrol trail); older patrols keep their counts.</summary>
    public const int CheckInDays = 90;

    private static readonly string[] CheckInNotes = ["巡查正常", "楼道堆物已劝导清理", "发现问题已上报", "走访独居老人，身体状况良好", "消防通道畅通", "入户走访"];
    private static readonly string[] Services = ["代购生活用品", "陪同就医", "上门理发", "家电维修", "代缴水电费", "心理疏导", "助餐送餐", "打扫卫生", "法律咨询", "辅导作业", "代办证件", "管道疏通"];
    private static readonly string[] Wishes = ["一台助听器", "一套学习用品", "一件过冬棉衣", "一辆儿童自行车", "一副老花镜", "一次免费体检", "一台电饭煲", "一套课外读物", "一个新书包", "一次上门理发"];

    public static (List<Patrol> Patrols, List<PatrolCheckIn> CheckIns) GeneratePatrols(DemoWorld world)
    {
        var random = world.Stream(50);
        var patrols = new List<Patrol>(world.GridWorkers.Count * 270);
        var checkIns = new List<PatrolCheckIn>();
        var firstDay = world.Today.AddDays(-364);
        var checkInFrom = world.Today.AddDays(-CheckInDays + 1);
        for (var d = 0; d < 365; d++)
        {
            var day = firstDay.AddDays(d);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            foreach (var worker in world.GridWorkers)
            {
                if (!random.Chance(weekend ? 0.3 : 0.95))
                {
                    continue;
                }
                var startLocal = day.ToDateTime(new TimeOnly(8, 0)).AddMinutes(random.Next(0, 150));
                var started = world.LocalToUtc(startLocal);
                if (started > world.AnchorUtc)
                {
                    continue;
                }
                var ended = started.AddMinutes(random.Next(60, 200));
                var count = random.Next(3, 7);
                var patrol = new Patrol
                {
                    Id = patrols.Count + 1,
                    GridWorkerId = worker.Id,
                    GridId = worker.GridId,
                    StartedAt = started,
                    EndedAt = ended <= world.AnchorUtc ? ended : null,
                    CheckInCount = count,
                    DistanceMeters = Math.Round(1500 + (random.NextDouble() * 4500)),
                };
                if (day >= checkInFrom)
                {
                    var span = (patrol.EndedAt ?? world.AnchorUtc) - started;
                    var made = 0;
                    for (var k = 0; k < count; k++)
                    {
                        var at = started.AddSeconds(Math.Floor(span.TotalSeconds * (k + random.NextDouble()) / count));
                        if (at > world.AnchorUtc)
                        {
                            break;
                        }
                        var point = world.PointIn(random, worker.GridId);
                        checkIns.Add(new PatrolCheckIn
                        {
                            Id = checkIns.Count + 1,
                            PatrolId = patrol.Id,
                            GridId = worker.GridId,
                            Latitude = point.Latitude,
                            Longitude = point.Longitude,
                            At = at,
                            Note = random.Chance(0.4) ? random.Pick(CheckInNotes) : null,
                            PhotoRef = random.Chance(0.3) ? $"patrol/{patrol.Id}/{k + 1}.jpg" : null,
                        });
                        made++;
                    }
                    patrol.CheckInCount = made;
                }
                patrols.Add(patrol);
            }
        }
        return (patrols, checkIns);
    }

    public static (List<ServiceOrder> Orders, List<MicroWish> Wishes, List<Rating> Ratings) GenerateServices(DemoWorld world, long firstRatingId)
    {
        var random = world.Stream(51);
        var elderly = world.Residents.Where(r => (r.KeyGroups & (KeyGroups.Aged60Plus | KeyGroups.Disabled)) != 0).ToList();
        var volunteers = world.Residents.Where(r => r.IsPartyMember).ToList();
        var teams = world.Organizations.Where(o => o.Kind is OrganizationKind.VolunteerTeam or OrganizationKind.PartyOrganization).ToList();
        var orders = new List<ServiceOrder>();
        var ratings = new List<Rating>();
        if (elderly.Count == 0 || volunteers.Count == 0)
        {
            return (orders, [], ratings);
        }
        var times = Enumerable.Range(0, world.Count(8000, 5))
            .Select(_ => world.AnchorUtc.AddMinutes(-random.Next(10, 365 * 24 * 60)))
            .Order().ToList();
        foreach (var requested in times)
        {
            var resident = random.Pick(elderly);
            var service = random.Pick(Services);
            var order = new ServiceOrder
            {
                Id = orders.Count + 1,
                ResidentId = resident.Id,
                GridId = resident.GridId,
                Title = service,
                Description = $"{resident.Name[..1]}{(resident.Gender == Gender.Male ? "大爷" : "阿姨")}需要{service}服务",
                Status = ServiceOrderStatus.Requested,
                RequestedAt = requested,
                Version = 1,
            };
            orders.Add(order);
            if (random.Chance(0.03))
            {
                order.Status = ServiceOrderStatus.Cancelled;
                order.Version = 2;
                continue;
            }
            var t = requested.AddMinutes(random.Next(5, 120));
            if (t > world.AnchorUtc)
            {
                continue;
            }
            order.DispatchedAt = t;
            order.Status = ServiceOrderStatus.Dispatched;
            order.Version = 2;
            t = t.AddMinutes(random.Next(5, 240));
            if (t > world.AnchorUtc)
            {
                continue;
            }
            order.AcceptedAt = t;
            order.Status = ServiceOrderStatus.Accepted;
            order.VolunteerResidentId = random.Pick(volunteers).Id;
            order.OrganizationId = random.Pick(teams).Id;
            order.Version = 3;
            t = t.AddMinutes(random.Next(30, 60 * 48));
            if (t > world.AnchorUtc)
            {
                continue;
            }
            order.FulfilledAt = t;
            order.Status = ServiceOrderStatus.Fulfilled;
            order.Version = 4;
            if (random.Chance(0.6))
            {
                ratings.Add(new Rating
                {
                    Id = firstRatingId + ratings.Count,
                    ServiceOrderId = order.Id,
                    GridId = order.GridId,
                    Level = random.NextDouble() switch { < 0.8 => RatingLevel.VerySatisfied, < 0.99 => RatingLevel.Satisfied, _ => RatingLevel.Neutral },
                    RatedAt = t.AddMinutes(random.Next(5, 600)) is var rated && rated <= world.AnchorUtc ? rated : world.AnchorUtc,
                });
            }
        }

        var wishes = new List<MicroWish>();
        foreach (var created in Enumerable.Range(0, world.Count(2000, 3)).Select(_ => world.AnchorUtc.AddMinutes(-random.Next(10, 365 * 24 * 60))).Order())
        {
            var resident = random.Pick(world.Residents);
            var wish = new MicroWish
            {
                Id = wishes.Count + 1,
                ResidentId = resident.Id,
                GridId = resident.GridId,
                Wish = $"希望得到{random.Pick(Wishes)}",
                Status = MicroWishStatus.Open,
                CreatedAt = created,
                Version = 1,
            };
            wishes.Add(wish);
            var claimed = created.AddHours(random.Next(2, 24 * 10));
            if (claimed > world.AnchorUtc || random.Chance(0.02))
            {
                continue;
            }
            wish.Status = MicroWishStatus.Claimed;
            wish.ClaimedAt = claimed;
            wish.Version = 2;
            if (random.Chance(0.5))
            {
                wish.ClaimedByResidentId = random.Pick(volunteers).Id;
            }
            else
            {
                wish.ClaimedByOrganizationId = random.Pick(teams).Id;
            }
            var fulfilled = claimed.AddHours(random.Next(4, 24 * 14));
            if (fulfilled <= world.AnchorUtc)
            {
                wish.Status = MicroWishStatus.Fulfilled;
                wish.FulfilledAt = fulfilled;
                wish.Version = 3;
            }
        }
        return (orders, wishes, ratings);
    }
}
