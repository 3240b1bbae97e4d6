using System.Globalization;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.Sos;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>One year of incidents ending at the anchor time, with their full history, supervisions, call-backs, ratings and SOS alerts.</summary>
internal static class IncidentGenerator
{
    public sealed class Output
    {
        public List<Incident> Incidents { get; } = [];
        public List<IncidentHistory> History { get; } = [];
        public List<Supervision> Supervisions { get; } = [];
        public List<CallBack> CallBacks { get; } = [];
        public List<Rating> Ratings { get; } = [];
        public List<SosAlert> SosAlerts { get; } = [];
    }

    // Local (UTC+8) hour-of-day weights: quiet nights, a morning peak around 10:00 and an afternoon one around 16:00.
    private static readonly double[] HourWeights =
    [
        0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 0.9, 1.6, 2.2, 2.3, 1.9,
        1.2, 1.1, 1.6, 2.0, 2.0, 1.7, 1.2, 1.1, 1.0, 0.8, 0.6, 0.4,
    ];

    private static readonly (SourceChannel Channel, double Weight)[] Channels =
    [
        (SourceChannel.GridWorker, 0.60), (SourceChannel.Hotline12345, 0.25), (SourceChannel.WoYaoShuo, 0.10),
        (SourceChannel.VideoIot, 0.025), (SourceChannel.DutyOfficer, 0.015), (SourceChannel.Open311, 0.008), (SourceChannel.Sos, 0.002),
    ];

    private static double MinorWeight(string minor) => minor switch
    {
        "暴露垃圾" or "机动车乱停放" or "无照经营游商" or "非法小广告" or "店外经营" or "物业服务" or "邻里纠纷" => 6,
        "路灯" or "污水井盖" or "雨水井盖" or "道路不洁" or "非机动车乱停放" or "积存垃圾渣土" or "垃圾箱" => 4,
        "私搭乱建" or "施工扰民" or "供暖问题" or "供水问题" or "电动车违规充电" or "消防安全隐患" or "独居老人异常" => 3,
        "火灾" or "路面塌陷" or "燃气管道泄漏" or "古树名木" or "重大危险源" => 0.3,
        _ => 1,
    };

    private static double[] KindWeights(SourceChannel channel) => channel switch
    {
        SourceChannel.GridWorker => [0.30, 0.48, 0.22],
        SourceChannel.VideoIot => [0.10, 0.75, 0.15],
        SourceChannel.Hotline12345 or SourceChannel.WoYaoShuo or SourceChannel.Open311 => [0.15, 0.33, 0.52],
        _ => [0.2, 0.4, 0.4],
    };

    private static double[] TierWeights(IncidentCategory category) => (category.Kind, category.MajorName) switch
    {
        (CategoryKind.Governance, "SOS") => [0.85, 0.15, 0, 0, 0],
        (CategoryKind.Event, "突发事件") => [0.05, 0.10, 0.20, 0.60, 0.05],
        (CategoryKind.Component, _) => [0.52, 0.10, 0.07, 0.29, 0.02],
        (CategoryKind.Event, _) => [0.72, 0.12, 0.07, 0.08, 0.01],
        _ => [0.78, 0.13, 0.05, 0.035, 0.005],
    };

    private static readonly string[][] Details =
    [
        ["设施破损，存在安全隐患，请尽快处置。", "丢失，需尽快补装。", "松动移位，影响车辆行人通行。", "夜间不亮，影响居民出行。"],
        ["影响市容环境，群众反映强烈。", "持续多日，请相关部门处理。", "占用人行道，影响通行。", "多次劝导无效，请依法处置。"],
        ["当事人情绪激动，需上门调解。", "居民多次反映，请尽快解决。", "涉及多户居民，请协调处理。", "存在安全隐患，请排查整改。"],
    ];

    public static Output Generate(DemoWorld world)
    {
        var random = world.Stream(40);
        var output = new Output();
        var times = SampleTimes(world, random, world.Count(66_992, 50));
        var categories = world.Categories;
        var byKind = new List<IncidentCategory>[3];
        var kindCumulative = new double[3][];
        for (var k = 0; k < 3; k++)
        {
            byKind[k] = categories.Where(c => (int)c.Kind == k && c.MajorName != "SOS").ToList();
            kindCumulative[k] = DemoRandom.Cumulate(byKind[k].Select(c => MinorWeight(c.MinorName)).ToList());
        }
        var sosCategories = categories.Where(c => c.MajorName == "SOS").ToList();
        var channelCumulative = DemoRandom.Cumulate(Channels.Select(c => c.Weight).ToList());
        var gridCumulative = DemoRandom.Cumulate(world.ResidentsPerGrid.Select(r => r + 100.0).ToList());
        var buildingsByGrid = world.Buildings.GroupBy(b => b.GridId).ToDictionary(g => g.Key, g => g.ToArray());
        var placesByGrid = world.Places.GroupBy(p => p.GridId).ToDictionary(g => g.Key, g => g.ToArray());
        var wristbands = world.Devices.Where(d => d.Kind == DeviceKind.SosWristband && d.ResidentId is not null).ToList();
        var lastByGridCategory = new Dictionary<long, (long Id, DateTime At)>();
        var lifecycle = new DemoIncidentLifecycle(world, random);
        var dayNumber = "";
        var daySequence = 0;

        foreach (var reportedAt in times)
        {
            var channel = Channels[random.PickCumulative(channelCumulative)].Channel;
            if (channel == SourceChannel.Sos && (wristbands.Count == 0 || sosCategories.Count == 0))
            {
                channel = SourceChannel.Hotline12345;
            }
            IncidentCategory category;
            Device? wristband = null;
            int gridId;
            if (channel == SourceChannel.Sos)
            {
                category = random.Pick(sosCategories);
                wristband = random.Pick(wristbands);
                gridId = wristband.GridId;
            }
            else
            {
                var kind = random.PickWeighted(KindWeights(channel));
                category = byKind[kind][random.PickCumulative(kindCumulative[kind])];
                gridId = random.PickCumulative(gridCumulative) + 1;
            }
            var grid = world.GridOf(gridId);
            var community = world.CommunityOf(grid);
            var local = ChinaDay.Local(reportedAt);
            var day = local.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            if (day != dayNumber)
            {
                dayNumber = day;
                daySequence = 0;
            }
            var building = buildingsByGrid.TryGetValue(gridId, out var bs) ? random.Pick(bs) : null;
            var place = placesByGrid.TryGetValue(gridId, out var ps) && random.Chance(0.15) ? random.Pick(ps) : null;
            var point = world.PointIn(random, gridId);
            var worker = world.GridWorkers[gridId - 1];
            var (reporter, phone) = channel switch
            {
                SourceChannel.GridWorker => (worker.Name, worker.Phone),
                SourceChannel.Sos => (world.Residents[wristband!.ResidentId!.Value - 1].Name, world.Residents[wristband.ResidentId.Value - 1].Phone),
                SourceChannel.VideoIot => ("视频智能分析", null),
                SourceChannel.DutyOfficer => (random.Pick(world.DutyOfficers).Name, null),
                _ => (Names.ChineseNames.FullName(random, random.Chance(0.5)), Names.ChineseNames.MobileNumber(random)),
            };
            var address = place?.Address ?? building?.Address ?? grid.Name;
            var kindIndex = Math.Min(2, (int)category.Kind);
            var incident = new Incident
            {
                Id = output.Incidents.Count + 1,
                Number = day + (++daySequence).ToString("D6", CultureInfo.InvariantCulture),
                Title = channel == SourceChannel.Sos ? $"{community.Name}一键呼叫求助" : $"{community.Name.Replace("社区", "", StringComparison.Ordinal)}{category.MinorName}",
                Description = channel == SourceChannel.Sos
                    ? $"{Privacy.PersonalDataMask.Name(reporter)}的智能手环发出{category.MinorName}，请立即联系并上门查看（住址见登记信息）。"
                    : $"{address}{(place is null ? "附近" : "")}发现{category.MinorName}问题，{random.Pick(Details[kindIndex])}",
                Source = channel,
                CategoryId = category.Id,
                Priority = channel == SourceChannel.Sos || category.MajorName == "突发事件" ? IncidentPriority.Urgent
                    : category.MajorName == "安全隐患" ? IncidentPriority.High
                    : random.NextDouble() switch { < 0.12 => IncidentPriority.Low, < 0.88 => IncidentPriority.Normal, _ => IncidentPriority.High },
                GridId = gridId,
                CommunityId = grid.CommunityId,
                StreetId = grid.StreetId,
                PlaceId = place?.Id,
                Address = address,
                Latitude = Math.Round(point.Latitude, 6),
                Longitude = Math.Round(point.Longitude, 6),
                ReporterName = reporter,
                ReporterPhone = phone,
                ReporterGridWorkerId = channel == SourceChannel.GridWorker ? worker.Id : null,
                ReportedAt = reportedAt,
            };
            output.Incidents.Add(incident);

            // A duplicate: the same category reported in the same grid within three days, now and then.
            var key = ((long)gridId << 20) | (uint)category.Id;
            long? duplicateOf = null;
            if (lastByGridCategory.TryGetValue(key, out var last) && (reportedAt - last.At).TotalHours < 72 && random.Chance(0.35))
            {
                duplicateOf = last.Id;
            }
            lastByGridCategory[key] = (incident.Id, reportedAt);

            var external = channel is not (SourceChannel.GridWorker or SourceChannel.VideoIot or SourceChannel.DutyOfficer);
            var finalTier = (HandlingTier)random.PickWeighted(TierWeights(category));
            var outcome = lifecycle.Run(incident, category, reporter, external, finalTier, duplicateOf, output.History, output.Supervisions);

            if (outcome.CallBackAt is DateTime callBackAt)
            {
                output.CallBacks.Add(new CallBack
                {
                    Id = output.CallBacks.Count + 1,
                    IncidentId = incident.Id,
                    At = callBackAt,
                    Reached = outcome.CallBackReached,
                    OfficerName = outcome.CallBackOfficer,
                    Note = outcome.CallBackReached ? "反映人对处置结果表示认可" : "电话无人接听",
                });
            }
            if (outcome.RatedAt is DateTime ratedAt)
            {
                var level = random.NextDouble() switch
                {
                    < 0.715 => RatingLevel.VerySatisfied,
                    < 0.988 => RatingLevel.Satisfied,
                    < 0.9965 => RatingLevel.Neutral,
                    < 0.9992 => RatingLevel.Dissatisfied,
                    _ => RatingLevel.VeryDissatisfied,
                };
                output.Ratings.Add(new Rating
                {
                    Id = output.Ratings.Count + 1,
                    IncidentId = incident.Id,
                    GridId = gridId,
                    Level = level,
                    Comment = level switch
                    {
                        RatingLevel.VerySatisfied when random.Chance(0.3) => "处理及时，非常满意！",
                        RatingLevel.Satisfied when random.Chance(0.2) => "问题已解决，谢谢。",
                        RatingLevel.Neutral => "处理速度有待提高。",
                        RatingLevel.Dissatisfied or RatingLevel.VeryDissatisfied => "问题没有彻底解决。",
                        _ => null,
                    },
                    RatedAt = ratedAt,
                });
            }
            if (wristband is not null)
            {
                output.SosAlerts.Add(SosAlertFor(world, random, incident, wristband, output.SosAlerts.Count + 1));
            }
        }
        AddFalseAlarms(world, random, wristbands, output);
        return output;
    }

    /// <summary>
    /// The wristband alarm behind an SOS incident, reported at the device's time and received a few seconds later
    /// (<see cref="SosIntakeService"/>). It ends with its incident as <c>IncidentTransitionService</c> settles it:
    /// resolved when closed, a false alarm when voided; an alarm nobody acknowledged counts as acknowledged by the
    /// officer who ended the incident. Only an incident still open keeps a ringing (Raised) alarm.
    /// </summary>
    private static SosAlert SosAlertFor(DemoWorld world, Random random, Incident incident, Device wristband, long id)
    {
        var acknowledgedAt = incident.RespondedAt ?? incident.ClosedAt ?? incident.RejectedAt;
        return new SosAlert
        {
            Id = id,
            DeviceId = wristband.Id,
            ResidentId = wristband.ResidentId,
            GridId = incident.GridId,
            Latitude = incident.Latitude ?? 0,
            Longitude = incident.Longitude ?? 0,
            RaisedAt = incident.ReportedAt,
            ReceivedAt = Min(incident.ReportedAt.AddSeconds(random.Next(1, 10)), world.AnchorUtc),
            IncidentId = incident.Id,
            Status = incident.Stage switch
            {
                IncidentStage.Rejected => SosStatus.FalseAlarm,
                IncidentStage.Closed or IncidentStage.Evaluated => SosStatus.Resolved,
                _ => acknowledgedAt is null ? SosStatus.Raised : SosStatus.Acknowledged,
            },
            AcknowledgedAt = acknowledgedAt,
            AcknowledgedBy = acknowledgedAt is null ? null : random.Pick(world.DutyOfficers).Name,
        };
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>Report times over the 365 local days ending at the anchor, by season, weekday and hour.</summary>
    private static List<DateTime> SampleTimes(DemoWorld world, Random random, int count)
    {
        var firstDay = world.Today.AddDays(-364);
        var dayWeights = new double[365];
        for (var d = 0; d < 365; d++)
        {
            var date = firstDay.AddDays(d);
            var weekday = date.DayOfWeek switch { DayOfWeek.Saturday => 0.8, DayOfWeek.Sunday => 0.7, _ => 1.0 };
            var season = 1 + (0.18 * Math.Sin((date.DayOfYear - 100) / 365.0 * 2 * Math.PI));
            dayWeights[d] = weekday * season;
        }
        var dayCumulative = DemoRandom.Cumulate(dayWeights);
        var hourCumulative = DemoRandom.Cumulate(HourWeights);
        var times = new List<DateTime>(count);
        while (times.Count < count)
        {
            var day = firstDay.AddDays(random.PickCumulative(dayCumulative));
            var local = day.ToDateTime(TimeOnly.MinValue).AddHours(random.PickCumulative(hourCumulative)).AddSeconds(random.Next(3600));
            var utc = world.LocalToUtc(local);
            if (utc < world.AnchorUtc)
            {
                times.Add(utc);
            }
        }
        times.Sort();
        return times;
    }

    private static void AddFalseAlarms(DemoWorld world, Random random, List<Device> wristbands, Output output)
    {
        if (wristbands.Count == 0)
        {
            return;
        }
        for (var i = world.Count(20, 3); i > 0; i--)
        {
            var device = random.Pick(wristbands);
            var raised = world.AnchorUtc.AddMinutes(-random.Next(30, 60 * 24 * 30));
            var point = world.PointIn(random, device.GridId);
            output.SosAlerts.Add(new SosAlert
            {
                Id = output.SosAlerts.Count + 1,
                DeviceId = device.Id,
                ResidentId = device.ResidentId,
                GridId = device.GridId,
                Latitude = point.Latitude,
                Longitude = point.Longitude,
                RaisedAt = raised,
                ReceivedAt = raised.AddSeconds(2),
                Status = SosStatus.FalseAlarm,
                AcknowledgedAt = raised.AddMinutes(random.Next(1, 4)),
                AcknowledgedBy = random.Pick(world.DutyOfficers).Name,
            });
        }
    }
}
