using CommandCenter.Data.Demo.Names;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;

namespace CommandCenter.Data.Demo.Generators;

/// <summary>
/// Organisations of every tier: 街道党工委 → 社区党组织 → 网格党支部 → 楼栋党小组 → 党员中心户, enterprises, property
/// companies, owners' committees, social organisations and volunteer/emergency teams, with memberships.
/// </summary>
internal static class OrganizationGenerator
{

    private static readonly string[] FirmWords = ["鑫源", "恒达", "华信", "宏远", "金泰", "瑞丰", "永盛", "众诚", "博雅", "秦川", "铜鑫", "润泽", "汇通", "佳禾", "天元", "聚福", "康顺", "新城", "锦程", "耀华"];
    private static readonly (string Industry, string Suffix)[] Industries =
    [
        ("批发和零售业", "商贸有限公司"), ("住宿和餐饮业", "餐饮管理有限公司"), ("制造业", "建材有限公司"), ("建筑业", "建筑工程有限公司"),
        ("交通运输业", "物流有限公司"), ("信息技术服务业", "网络科技有限公司"), ("居民服务业", "家政服务有限公司"), ("租赁和商务服务业", "商务咨询有限公司"),
        ("文化体育娱乐业", "文化传媒有限公司"), ("卫生和社会工作", "健康管理有限公司"),
    ];
    private static readonly string[] SocialKinds = ["志愿服务协会", "老年协会", "文体协会", "调解委员会", "慈善互助会", "巾帼志愿服务队", "书画协会"];

    /// <summary>Marks 党员中心户 (about 1.3 per grid, as in the seeds); runs before households are written.</summary>
    public static void MarkPartyMemberHouseholds(DemoWorld world)
    {
        var random = world.Stream(30);
        var candidates = world.Households.Where(h => h.Residents.Any(r => r.IsPartyMember)).ToList();
        var target = Math.Min(candidates.Count, (int)Math.Round(world.Grids.Count * 1.29));
        for (var picked = 0; picked < target;)
        {
            var h = candidates[random.Next(candidates.Count)];
            if (!h.IsPartyMemberCentre)
            {
                h.IsPartyMemberCentre = true;
                picked++;
            }
        }
    }

    public static List<OrganizationMembership> Generate(DemoWorld world)
    {
        var random = world.Stream(31);
        var orgs = world.Organizations;
        Organization Add(OrganizationKind kind, PartyTier? tier, int? parentId, string name, string area, int? gridId = null, int? buildingId = null)
        {
            var org = new Organization
            {
                Id = orgs.Count + 1,
                Kind = kind,
                PartyTier = tier,
                ParentId = parentId,
                Name = name,
                AreaCode = area,
                GridId = gridId,
                BuildingId = buildingId,
                FoundedOn = world.Today.AddDays(-random.Next(365, 365 * 30)),
            };
            orgs.Add(org);
            return org;
        }

        var streetOrgs = world.Streets.Select(s => Add(OrganizationKind.PartyOrganization, PartyTier.StreetWorkingCommittee, null, $"中共{s.Name}工作委员会", s.Code)).ToArray();
        var communityOrgs = world.Communities.Select(c => Add(OrganizationKind.PartyOrganization, PartyTier.CommunityOrganization, streetOrgs[c.StreetId - 1].Id, $"中共{c.Name}委员会", c.Code)).ToArray();
        var gridBranch = new Organization?[world.Grids.Count];
        foreach (var grid in world.Grids.Where(_ => random.Chance(0.365)))
        {
            gridBranch[grid.Id - 1] = Add(OrganizationKind.PartyOrganization, PartyTier.GridBranch, communityOrgs[grid.CommunityId - 1].Id, $"{grid.Name}党支部", grid.Code, grid.Id);
        }
        var buildingGroup = new Dictionary<int, Organization>();
        var groupCount = Math.Min(world.Buildings.Count, (int)Math.Round(world.Grids.Count * 0.85));
        while (buildingGroup.Count < groupCount)
        {
            var building = world.Buildings[random.Next(world.Buildings.Count)];
            if (buildingGroup.ContainsKey(building.Id))
            {
                continue;
            }
            var grid = world.GridOf(building.GridId);
            var parent = gridBranch[grid.Id - 1] ?? communityOrgs[grid.CommunityId - 1];
            buildingGroup[building.Id] = Add(OrganizationKind.PartyOrganization, PartyTier.BuildingGroup, parent.Id, $"{building.Name}党小组", grid.Code, grid.Id, building.Id);
        }
        foreach (var household in world.Households.Where(h => h.IsPartyMemberCentre))
        {
            var grid = world.GridOf(household.GridId);
            var parent = buildingGroup.GetValueOrDefault(household.BuildingId) ?? gridBranch[grid.Id - 1] ?? communityOrgs[grid.CommunityId - 1];
            var building = world.Buildings[household.BuildingId - 1];
            Add(OrganizationKind.PartyOrganization, PartyTier.MemberHousehold, parent.Id, $"{building.Name}{world.Rooms[household.RoomId - 1].Number}党员中心户", grid.Code, grid.Id, building.Id);
        }

        var memberships = new List<OrganizationMembership>();
        void Join(Organization org, Resident resident, MembershipRole role)
        {
            memberships.Add(new OrganizationMembership
            {
                Id = memberships.Count + 1,
                OrganizationId = org.Id,
                ResidentId = resident.Id,
                Role = role,
                JoinedOn = world.Today.AddDays(-random.Next(30, 365 * 20)),
            });
        }
        var led = new HashSet<int>();
        foreach (var resident in world.Residents.Where(r => r.IsPartyMember))
        {
            var household = world.Households[resident.HouseholdId - 1];
            var grid = world.GridOf(resident.GridId);
            var org = buildingGroup.GetValueOrDefault(household.BuildingId) ?? gridBranch[grid.Id - 1] ?? communityOrgs[grid.CommunityId - 1];
            Join(org, resident, led.Add(org.Id) ? MembershipRole.Leader : MembershipRole.Member);
        }

        // Enterprises (非公企业), property companies, owners' committees, social organisations.
        for (var i = world.Count(3921, 5); i > 0; i--)
        {
            var grid = world.Grids[random.Next(world.Grids.Count)];
            var (industry, suffix) = random.Pick(Industries);
            var org = Add(OrganizationKind.Enterprise, null, null, $"{DemoWorld.CityName}{DemoWorld.DistrictName}{random.Pick(FirmWords)}{random.Pick(FirmWords)}{suffix}", grid.Code, grid.Id);
            org.Industry = industry;
            org.CreditCode = CreditCode(random);
            org.MemberCount = random.NextDouble() < 0.8 ? random.Next(3, 30) : random.Next(30, 400);
        }
        foreach (var grid in world.Grids)
        {
            var community = world.CommunityOf(grid);
            if (random.Chance(0.25))
            {
                var org = Add(OrganizationKind.PropertyCompany, null, null, $"{random.Pick(FirmWords)}物业服务有限公司", grid.Code, grid.Id);
                org.CreditCode = CreditCode(random);
                org.Industry = "物业管理";
                org.MemberCount = random.Next(8, 80);
            }
            if (random.Chance(0.17))
            {
                Add(OrganizationKind.OwnersCommittee, null, null, $"{PlaceNames.EstateName(random)}业主委员会", grid.Code, grid.Id).MemberCount = random.Next(5, 10);
            }
            if (random.Chance(0.3))
            {
                Add(OrganizationKind.SocialOrganization, null, null, $"{community.Name}{random.Pick(SocialKinds)}", community.Code).MemberCount = random.Next(10, 120);
            }
        }

        // Volunteer teams per community and emergency teams per street (53 teams, about 1,160 volunteers at scale 1).
        var adultsByCommunity = world.Communities.Select(_ => new List<Resident>()).ToArray();
        foreach (var r in world.Residents)
        {
            var age = PeopleGenerator.AgeOn(r.BirthDate, world.Today);
            if (age is >= 18 and <= 70 && r.Type != ResidentType.Foreign)
            {
                adultsByCommunity[world.GridOf(r.GridId).CommunityId - 1].Add(r);
            }
        }
        var teams = new List<(Organization Team, List<Resident> Pool)>();
        for (var i = 0; i < world.Count(37, 1); i++)
        {
            var community = world.Communities[i % world.Communities.Count];
            teams.Add((Add(OrganizationKind.VolunteerTeam, null, null, $"{community.Name}{(i < world.Communities.Count ? "" : PlaceNames.ChineseNumber((i / world.Communities.Count) + 1))}志愿服务队", community.Code), adultsByCommunity[community.Id - 1]));
        }
        for (var i = 0; i < world.Count(16, 1); i++)
        {
            var street = world.Streets[i % world.Streets.Count];
            var pool = world.Communities.Where(c => c.StreetId == street.Id).SelectMany(c => adultsByCommunity[c.Id - 1]).ToList();
            var name = i < world.Streets.Count ? $"{street.Name}应急救援队" : $"{street.Name}应急志愿分队{PlaceNames.ChineseNumber((i / world.Streets.Count) + 1)}";
            teams.Add((Add(OrganizationKind.EmergencyTeam, null, null, name, street.Code), pool));
        }
        foreach (var (team, pool) in teams)
        {
            var size = Math.Min(pool.Count, random.Next(12, 33));
            var chosen = new HashSet<int>();
            while (chosen.Count < size)
            {
                var resident = pool[random.Next(pool.Count)];
                if (chosen.Add(resident.Id))
                {
                    Join(team, resident, chosen.Count == 1 ? MembershipRole.Leader : chosen.Count == 2 ? MembershipRole.DeputyLeader : MembershipRole.Volunteer);
                }
            }
        }

        // Member counts: party organisations count their whole subtree; teams their members.
        foreach (var m in memberships)
        {
            for (Organization? org = orgs[m.OrganizationId - 1]; org is not null; org = org.ParentId is int p ? orgs[p - 1] : null)
            {
                org.MemberCount++;
            }
        }
        return memberships;
    }

    /// <summary>A 统一社会信用代码 (GB 32100) with a valid check character.</summary>
    private static string CreditCode(Random random) => Organizations.CreditCode.Create(random, "91", DemoWorld.DistrictCode);
}
