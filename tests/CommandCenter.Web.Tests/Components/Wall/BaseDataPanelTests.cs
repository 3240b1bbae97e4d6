using Bunit;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.Statistics;
using CommandCenter.Web.Components.Wall;

namespace CommandCenter.Web.Tests.Components.Wall;

/// <summary>The left column: 人, 组织, 地/物.</summary>
public sealed class BaseDataPanelTests : WallComponentTest
{
    private static readonly NodeBaseFigures Figures = new(
        new PeopleTotals(296166, 237830, 55323, 3013, 59398, 12529, 58209, 7699, 7099, 2867, 12800),
        3444, 131394, 581,
        [new ComponentMajorTotal("01", "公用设施", 9485), new ComponentMajorTotal("02", "道路交通", 1652)],
        new Dictionary<PartyTier, long> { [PartyTier.GridBranch] = 169, [PartyTier.BuildingGroup] = 387 },
        455, 37, 769, 16, 340);

    [Fact]
    public void People_shows_residents_by_type_and_the_key_groups()
    {
        var panel = Context.Render<PeoplePanel>(p => p.Add(x => x.People, Figures.People));

        Assert.Equal("296,166", panel.Find("[data-stat=residents] .wall-stat-value").TextContent);
        Assert.Equal("55323", panel.Find("[data-stat=migrant]").GetAttribute("data-value"));
        var groups = panel.FindAll(".wall-group-name").Select(e => e.TextContent).ToList();
        Assert.Equal(["一老", "一小", "一特"], groups);
        Assert.Equal("12,529", panel.Find("[data-stat=alone] .wall-stat-value").TextContent);
        Assert.Equal("2,867", panel.Find("[data-stat=special-care] .wall-stat-value").TextContent);
    }

    [Fact]
    public void Organizations_lists_every_party_tier_and_the_live_patrols()
    {
        var panel = Context.Render<OrganizationPanel>(p => p.Add(x => x.Figures, Figures).Add(x => x.PatrolsActive, 7));

        Assert.Equal(Enum.GetValues<PartyTier>().Length, panel.FindAll(".wall-tiers li").Count);
        Assert.Equal("169", panel.Find("[data-tier=GridBranch] b").TextContent);
        Assert.Equal("0", panel.Find("[data-tier=StreetWorkingCommittee] b").TextContent);
        Assert.Equal("7", panel.Find("[data-stat=patrolling]").GetAttribute("data-value"));
        Assert.Contains("769", panel.Find("[data-stat=volunteer-teams]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Places_shows_components_by_class_with_bars_relative_to_the_largest()
    {
        var panel = Context.Render<PlacesPanel>(p => p.Add(x => x.Figures, Figures));

        Assert.Equal("11137", panel.Find("[data-stat=components]").GetAttribute("data-value"));
        Assert.Equal("width:100%", panel.Find("[data-major='01'] .wall-bar-fill").GetAttribute("style"));
        Assert.Equal("width:17.4%", panel.Find("[data-major='02'] .wall-bar-fill").GetAttribute("style"));
        Assert.Contains("道路交通", panel.Find("[data-major='02']").TextContent, StringComparison.Ordinal);
    }
}
