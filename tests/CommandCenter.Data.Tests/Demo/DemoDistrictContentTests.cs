using CommandCenter.Data.Demo.Geometry;
using CommandCenter.Data.Demo.IdNumbers;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.People;
using CommandCenter.Data.Ratings;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Tests.Demo;

[Collection(SeededDemoDistrictCollection.Name)]
public sealed class DemoDistrictContentTests(SeededDemoDistrict district)
{
    private CommandCenterDbContext Open() => district.Database.CreateDbContext();

    [Theory]
    [InlineData("Districts", 1, 1)]
    [InlineData("Streets", 2, 2)]
    [InlineData("Communities", 4, 4)]
    [InlineData("Grids", 20, 26)]
    [InlineData("Buildings", 160, 185)]
    [InlineData("Rooms", 6_300, 6_900)]
    [InlineData("Residents", 14_500, 15_100)]
    [InlineData("CityComponents", 800, 890)]
    [InlineData("Organizations", 200, 400)]
    [InlineData("Incidents", 3_200, 3_500)]
    [InlineData("IncidentHistory", 20_000, 32_000)]
    [InlineData("Patrols", 5_000, 7_500)]
    [InlineData("PatrolCheckIns", 4_500, 9_500)]
    [InlineData("Ratings", 1_200, 2_400)]
    public void Row_counts_scale_with_the_targets(string table, long min, long max)
    {
        var rows = district.Result.RowCounts[table];
        Assert.InRange(rows, min, max);
    }

    [Fact]
    public async Task Every_citizen_id_number_is_valid_and_matches_birth_date_and_gender()
    {
        await using var db = Open();
        var residents = await db.Residents.AsNoTracking()
            .Where(r => r.Type != ResidentType.Foreign)
            .Select(r => new { r.IdNumber, r.BirthDate, r.Gender, r.IdNumberHash })
            .ToListAsync();
        Assert.NotEmpty(residents);
        foreach (var r in residents)
        {
            Assert.True(CitizenIdNumber.IsValid(r.IdNumber), r.IdNumber);
            Assert.StartsWith("610202", r.IdNumber, StringComparison.Ordinal);
            Assert.True(CitizenIdNumber.TryGetBirthDate(r.IdNumber, out var birth));
            Assert.Equal(r.BirthDate, birth);
            Assert.Equal(r.Gender == Gender.Male, CitizenIdNumber.IsMale(r.IdNumber));
            Assert.Equal(IdNumberHasher.Hash(r.IdNumber), r.IdNumberHash);
        }
        Assert.Equal(residents.Count, residents.Select(r => r.IdNumber).Distinct().Count());
    }

    [Fact]
    public async Task Codes_form_a_prefix_chain_and_component_codes_have_16_digits()
    {
        await using var db = Open();
        var district = await db.Districts.SingleAsync();
        Assert.Equal(HierarchyCode.DistrictLength, district.Code.Length);
        var streets = await db.Streets.ToDictionaryAsync(s => s.Id);
        var communities = await db.Communities.ToDictionaryAsync(c => c.Id);
        foreach (var s in streets.Values)
        {
            Assert.True(HierarchyCode.IsValid(s.Code) && s.Code.Length == HierarchyCode.StreetLength && s.Code.StartsWith(district.Code, StringComparison.Ordinal), s.Code);
        }
        foreach (var c in communities.Values)
        {
            Assert.True(c.Code.Length == HierarchyCode.CommunityLength && c.Code.StartsWith(streets[c.StreetId].Code, StringComparison.Ordinal), c.Code);
        }
        foreach (var g in await db.Grids.ToListAsync())
        {
            Assert.True(HierarchyCode.IsValid(g.Code) && g.Code.Length == HierarchyCode.GridLength, g.Code);
            Assert.StartsWith(communities[g.CommunityId].Code, g.Code, StringComparison.Ordinal);
            Assert.Equal(communities[g.CommunityId].StreetId, g.StreetId);
        }
        var codes = await db.CityComponents.Select(c => new { c.Code, c.MajorCode, c.MinorCode }).ToListAsync();
        Assert.All(codes, c =>
        {
            Assert.Equal(16, c.Code.Length);
            Assert.True(c.Code.All(char.IsAsciiDigit), c.Code);
            Assert.StartsWith(district.Code + c.MajorCode + c.MinorCode, c.Code, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Incident_histories_are_consistent_with_their_incidents()
    {
        await using var db = Open();
        var anchor = DemoTestDatabase.Anchor.UtcDateTime;
        var incidents = await db.Incidents.AsNoTracking().ToDictionaryAsync(i => i.Id);
        var history = (await db.IncidentHistory.AsNoTracking().ToListAsync()).GroupBy(h => h.IncidentId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Version).ToList());
        Assert.Equal(incidents.Count, history.Count);
        foreach (var incident in incidents.Values)
        {
            var rows = history[incident.Id];
            Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Version));
            Assert.Equal(incident.Version, rows.Count);
            Assert.Equal(IncidentAction.Report, rows[0].Action);
            Assert.Equal(incident.ReportedAt, rows[0].At);
            for (var i = 1; i < rows.Count; i++)
            {
                Assert.True(rows[i].At >= rows[i - 1].At, $"{incident.Number} v{rows[i].Version}");
                Assert.Equal(rows[i - 1].ToStage, rows[i].FromStage);
            }
            Assert.Equal(incident.Stage, rows[^1].ToStage);
            Assert.Equal(incident.UpdatedAt, rows[^1].At);
            Assert.True(rows[^1].At <= anchor);
            Assert.Equal((incident.RespondedAt ?? incident.RejectedAt ?? anchor) > incident.RespondDueAt, incident.RespondBreached);
            Assert.Equal((incident.RepliedAt ?? incident.RejectedAt ?? anchor) > incident.ReplyDueAt, incident.ReplyBreached);
            Assert.Equal((incident.ClosedAt ?? incident.RejectedAt ?? anchor) > incident.ResolveDueAt, incident.ResolveBreached);
            Assert.Equal(incident.ClosedAt is not null, incident.ClosedTier is not null);
            if (incident.DuplicateOfId is long original)
            {
                Assert.Equal(IncidentStage.Rejected, incident.Stage);
                Assert.True(original < incident.Id);
            }
        }
        // Recent incidents are still open (at this small scale only a handful); most closures happen at grid tier.
        var open = incidents.Values.Where(i => i.IsOpen).ToList();
        Assert.NotEmpty(open);
        Assert.All(open, i => Assert.True(i.ReportedAt > anchor.AddDays(-30), i.Number));
        var closed = incidents.Values.Where(i => i.ClosedTier is not null).ToList();
        Assert.InRange(closed.Count(i => i.ClosedTier == HandlingTier.Grid) / (double)closed.Count, 0.5, 0.85);
        Assert.Contains(incidents.Values, i => i.DuplicateOfId is not null);
        Assert.Contains(incidents.Values, i => i.EscalationCount > 0);
        Assert.Contains(incidents.Values, i => i.ReworkCount > 0);
        Assert.Contains(incidents.Values, i => i.ExtensionCount > 0);
    }

    [Fact]
    public async Task Satisfaction_is_between_98_and_99_5_percent()
    {
        await using var db = Open();
        var levels = await db.Ratings.Where(r => r.IncidentId != null).Select(r => r.Level).ToListAsync();
        var satisfied = levels.Count(l => l >= RatingLevel.Satisfied) / (double)levels.Count;
        Assert.InRange(satisfied, 0.98, 0.995);
    }

    [Fact]
    public async Task Grid_polygons_are_closed_rings_inside_their_community_and_buildings_inside_their_grid()
    {
        await using var db = Open();
        var communities = await db.Communities.ToDictionaryAsync(c => c.Id, c => GeoPolygon.ParseGeoJsonRing(c.Boundary));
        var districtRing = GeoPolygon.ParseGeoJsonRing((await db.Districts.SingleAsync()).Boundary);
        var grids = await db.Grids.ToListAsync();
        var rings = new Dictionary<int, List<GeoPoint>>();
        double totalArea = 0;
        foreach (var grid in grids)
        {
            var ring = GeoPolygon.ParseGeoJsonRing(grid.Boundary);
            rings[grid.Id] = ring;
            Assert.True(ring.Count >= 4);
            Assert.Equal(ring[0], ring[^1]);
            Assert.True(GeoPolygon.SignedAreaSquareMeters(ring) > 0, grid.Code);
            var centroid = GeoPolygon.Centroid(ring);
            Assert.True(GeoPolygon.Contains(ring, centroid), grid.Code);
            Assert.True(GeoPolygon.Contains(communities[grid.CommunityId], centroid), $"{grid.Code} centroid outside its community");
            Assert.True(GeoPolygon.Contains(districtRing, centroid), $"{grid.Code} centroid outside the district");
            Assert.InRange(grid.CenterLongitude, 108.5, 109.6);
            Assert.InRange(grid.CenterLatitude, 34.6, 35.6);
            Assert.InRange(grid.AreaSquareMeters, 50_000, 600_000);
            totalArea += grid.AreaSquareMeters;
        }
        // The grids tile the district: their areas add up to the district's.
        Assert.InRange(totalArea / GeoPolygon.SignedAreaSquareMeters(districtRing), 0.99, 1.01);
        foreach (var b in await db.Buildings.ToListAsync())
        {
            Assert.True(GeoPolygon.Contains(rings[b.GridId], new GeoPoint(b.Longitude, b.Latitude)), b.Code);
        }
        foreach (var c in await db.PatrolCheckIns.Take(2000).ToListAsync())
        {
            Assert.True(GeoPolygon.Contains(rings[c.GridId], new GeoPoint(c.Longitude, c.Latitude)));
        }
    }

    [Fact]
    public async Task Wristbands_are_bound_to_elderly_residents_living_alone()
    {
        await using var db = Open();
        var wearers = await db.Devices.Where(d => d.Kind == Data.Objects.DeviceKind.SosWristband)
            .Join(db.Residents, d => d.ResidentId, r => r.Id, (d, r) => r.KeyGroups).ToListAsync();
        Assert.NotEmpty(wearers);
        Assert.All(wearers, k => Assert.True(k.HasFlag(KeyGroups.Aged60Plus | KeyGroups.LivingAlone)));
    }

    [Fact]
    public async Task Sos_texts_name_the_wearer_masked_and_carry_no_home_address()
    {
        await using var db = Open();
        var sos = await (from i in db.Incidents
                         where i.Source == SourceChannel.Sos
                         join r in db.Residents on i.ReporterName equals r.Name
                         select new { i.Title, i.Description, r.Name, i.Address }).Take(50).ToListAsync();
        Assert.NotEmpty(sos);
        Assert.All(sos, i =>
        {
            Assert.DoesNotContain(i.Name, i.Title + i.Description, StringComparison.Ordinal);
            Assert.StartsWith(Data.Privacy.PersonalDataMask.Name(i.Name)!, i.Description, StringComparison.Ordinal);
            if (!string.IsNullOrEmpty(i.Address))
            {
                Assert.DoesNotContain(i.Address, i.Description, StringComparison.Ordinal);
            }
        });
    }
}
