using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Sos;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Jobs.Simulation;

/// <summary>The simulator's picture of the district (loaded once) and the rows it works on.</summary>
public sealed partial class DemoSimulator
{
    private sealed record OpenIncident(
        long Id, int Version, IncidentStage Stage, HandlingTier Tier, SourceChannel Source, IncidentPriority Priority, DateTime ReportedAt, DateTime UpdatedAt, DateTime? RepliedAt, bool CalledBack);

    private sealed record CategoryInfo(int Id, string MinorName, double Weight, bool Urgent);

    private sealed record WorkerInfo(int Id, int GridId, string Name, string Phone);

    private sealed record WristbandInfo(string Serial, int GridId);

    internal sealed record GridPolygon(GridShape Shape, double MinX, double MinY, double MaxX, double MaxY);

    private sealed record GridInfo(int Id, string Name, string CommunityName, GridPolygon Shape);

    /// <summary>What the simulator draws from, loaded once: grids with their polygons, workers, categories, wristbands, residents.</summary>
    private sealed class World
    {
        public Dictionary<int, GridInfo> Grids { get; private init; } = [];
        public List<GridInfo> GridList { get; private init; } = [];
        public List<WorkerInfo> Workers { get; private init; } = [];
        public List<CategoryInfo>[] CategoriesByKind { get; private init; } = [];
        public List<CategoryInfo> AllCategories { get; private init; } = [];
        public List<WristbandInfo> Wristbands { get; private init; } = [];
        public List<int> Residents { get; private init; } = [];
        public List<int> PartyMembers { get; private init; } = [];
        public Dictionary<int, List<int>> PartyMembersByGrid { get; private init; } = [];

        public static async Task<World> LoadAsync(IDbContextFactory<CommandCenterDbContext> factory, CancellationToken cancellationToken)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var grids = await db.Grids.AsNoTracking()
                .Select(g => new { g.Id, g.Code, g.Name, g.CommunityId, g.StreetId, g.Boundary, Community = g.Community!.Name })
                .ToListAsync(cancellationToken);
            var gridInfos = new List<GridInfo>();
            foreach (var g in grids)
            {
                var ring = GeoJsonPolygon.ParseOuterRing(g.Boundary);
                if (ring.Length < 4)
                {
                    continue;
                }
                var shape = new GridShape(g.Id, g.Code, g.CommunityId, g.StreetId, ring);
                gridInfos.Add(new GridInfo(g.Id, g.Name, g.Community, new GridPolygon(shape, ring.Min(p => p.X), ring.Min(p => p.Y), ring.Max(p => p.X), ring.Max(p => p.Y))));
            }
            var workers = await db.GridWorkers.AsNoTracking().Where(w => w.IsActive).OrderBy(w => w.Id)
                .Select(w => new WorkerInfo(w.Id, w.GridId, w.Name, w.Phone)).ToListAsync(cancellationToken);
            var categories = await db.IncidentCategories.AsNoTracking().Where(c => c.IsActive && c.Code != SosIntakeService.SosCategoryCode)
                .OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var infos = categories.Select(c => (Kind: Math.Min(2, (int)c.Kind), Info: new CategoryInfo(c.Id, c.MinorName, Weight(c.MinorName), c.MajorName == "突发事件"))).ToList();
            var wristbands = await db.Devices.AsNoTracking().Where(d => d.Kind == DeviceKind.SosWristband && d.ResidentId != null)
                .OrderBy(d => d.Id).Take(2000).Select(d => new WristbandInfo(d.SerialNumber, d.GridId)).ToListAsync(cancellationToken);
            var residents = await db.Residents.AsNoTracking().OrderBy(r => r.Id).Take(2000).Select(r => r.Id).ToListAsync(cancellationToken);
            var party = await db.Residents.AsNoTracking().Where(r => r.IsPartyMember).OrderBy(r => r.Id).Take(2000)
                .Select(r => new { r.Id, r.GridId }).ToListAsync(cancellationToken);
            return new World
            {
                Grids = gridInfos.ToDictionary(g => g.Id),
                GridList = gridInfos,
                Workers = [.. workers.Where(w => gridInfos.Any(g => g.Id == w.GridId))],
                CategoriesByKind = [.. Enumerable.Range(0, 3).Select(k => infos.Where(i => i.Kind == k).Select(i => i.Info).ToList())],
                AllCategories = [.. infos.Select(i => i.Info)],
                Wristbands = wristbands,
                Residents = residents,
                PartyMembers = [.. party.Select(p => p.Id)],
                PartyMembersByGrid = party.GroupBy(p => p.GridId).ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToList()),
            };
        }

        /// <summary>Everyday problems are common, disasters rare.</summary>
        private static double Weight(string minor) => minor switch
        {
            "暴露垃圾" or "机动车乱停放" or "无照经营游商" or "非法小广告" or "店外经营" or "物业服务" or "邻里纠纷" => 6,
            "路灯" or "污水井盖" or "雨水井盖" or "道路不洁" or "非机动车乱停放" or "积存垃圾渣土" or "垃圾箱" => 4,
            "火灾" or "路面塌陷" or "燃气管道泄漏" or "重大危险源" => 0.3,
            _ => 1,
        };
    }
}
