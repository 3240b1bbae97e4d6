using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommandCenter.Data.Identity;
using CommandCenter.Data.People;
using CommandCenter.Data.Registry;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Components.Registry;
using CommandCenter.Web.Tests.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CommandCenter.Web.Tests.Components.Registry;

/// <summary>The /registry page over the real queries and database: masking, reveal with a reason (audited), edits, scope.</summary>
public sealed class RegistryPageTests(RegistryFactory factory) : IClassFixture<RegistryFactory>, IAsyncLifetime
{
    private const string ElderName = "王秀英";
    private const string ElderId = "610202194805061228";
    private const string ElderPhone = "13900001111";

    private readonly BunitContext _context = new();
    private BunitAuthorizationContext _auth = null!;
    private CultureInfo? _previousCulture;

    public Task InitializeAsync()
    {
        _previousCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        _context.Services.AddMudServices();
        _context.Services.AddLocalization();
        _context.Services.AddLogging();
        _context.Services.AddSingleton(factory.Services.GetRequiredService<RegistryQueries>());
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = _context.AddAuthorization();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _previousCulture!;
    }

    private IRenderedComponent<RegistryPage> Render(string query, string role, string? scope = null)
    {
        _auth.SetAuthorized("tester");
        _auth.SetRoles(role);
        _auth.SetClaims([new Claim(ClaimTypes.NameIdentifier, "user-" + role), .. scope is null ? Array.Empty<Claim>() : [new Claim(CommandCenterClaims.Scope, scope)]]);
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/registry" + query);
        var page = _context.Render<RegistryPage>();
        page.WaitForState(() => page.FindAll("[data-table=residents] tbody tr").Count > 0 || page.FindAll("[data-testid=not-found]").Count > 0, TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public void The_district_shows_the_totals_children_and_masked_residents_only()
    {
        var page = Render("", Roles.Analyst);

        Assert.Equal("王益区", page.Find("h1").TextContent);
        Assert.Equal(["七一路街道", "红旗街道"], page.FindAll("[data-testid=children] a").Select(a => a.TextContent.Trim()));
        Assert.Contains("3", page.Find("[data-count=Residents] .cc-stat-value").TextContent, StringComparison.Ordinal);
        var markup = page.Markup;
        Assert.Contains("王**", markup, StringComparison.Ordinal);
        Assert.Contains("610202********1228", markup, StringComparison.Ordinal);
        Assert.Contains("139****1111", markup, StringComparison.Ordinal);
        foreach (var secret in new[] { ElderName, ElderId, ElderPhone, RegistryFactory.StreetTwoName, RegistryFactory.StreetTwoIdNumber, RegistryFactory.StreetTwoPhone })
        {
            Assert.DoesNotContain(secret, markup, StringComparison.Ordinal);
        }
        // Analysts may not unmask.
        Assert.Empty(page.FindAll("button.cc-rg-reveal"));
    }

    [Fact]
    public async Task An_admin_reveals_one_record_after_a_reason_and_the_reveal_is_audited()
    {
        var page = Render("?node=" + ApiDistrict.Grid2Code, Roles.Admin);
        var elder = factory.District.ElderId;
        page.Find($"tr[data-resident='{elder}'] button.cc-rg-reveal").Click();
        Assert.True(page.Find("button.cc-rg-reveal-confirm").HasAttribute("disabled"));
        page.Find(".cc-rg-reason input").Change("上门走访核实身份");
        page.Find("button.cc-rg-reveal-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(ElderId, page.Find("[data-field=id]").TextContent));
        Assert.Equal(ElderName, page.Find("[data-field=name]").TextContent);
        Assert.Equal(ElderPhone, page.Find("[data-field=phone]").TextContent);
        var entry = await factory.QueryAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == RegistryAuditActions.Reveal));
        Assert.Equal(elder.ToString(CultureInfo.InvariantCulture), entry.EntityId);
        Assert.Equal("user-Admin", entry.UserId);
        Assert.Contains("上门走访核实身份", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(ElderId, entry.Detail, StringComparison.Ordinal);

        // Closing the panel takes the full values out of the markup again.
        page.Find("button.cc-rg-reveal-close").Click();
        Assert.DoesNotContain(ElderId, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_residents_phone_and_key_groups_is_audited_with_masked_values()
    {
        var page = Render("?node=" + ApiDistrict.Grid2Code, Roles.Leader);
        var member = factory.District.PartyMemberId;
        page.Find($"tr[data-resident='{member}'] button.cc-rg-edit").Click();
        page.Find(".cc-rg-edit-phone input").Change("13655556666");
        page.Find("input[data-group=Disabled]").Change(true);
        page.Find("[data-testid=resident-edit] button.cc-rg-edit-save").Click();

        page.WaitForAssertion(() => Assert.Contains("已保存", page.Find("[data-testid=resident-message]").TextContent, StringComparison.Ordinal));
        var saved = await factory.QueryAsync(db => db.Residents.SingleAsync(r => r.Id == member));
        Assert.Equal("13655556666", saved.Phone);
        Assert.True(saved.KeyGroups.HasFlag(KeyGroups.Disabled));
        var entry = await factory.QueryAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == RegistryAuditActions.ResidentEdit));
        Assert.Contains("136****6666", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("139****2222", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("13655556666", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("13655556666", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scoped_analyst_sees_the_scope_and_gets_not_found_outside_it()
    {
        var page = Render("", Roles.Analyst, ApiDistrict.Street2Code);
        Assert.Equal("红旗街道", page.Find("h1").TextContent);
        Assert.Single(page.FindAll("[data-table=residents] tbody tr"));
        Assert.Empty(page.FindAll("nav.cc-rg-breadcrumb a"));

        var outside = Render("?node=" + ApiDistrict.Grid1Code, Roles.Analyst, ApiDistrict.Street2Code);
        Assert.NotEmpty(outside.FindAll("[data-testid=not-found]"));
    }

    [Fact]
    public async Task Queries_search_by_id_number_hash_and_check_scope_on_edits()
    {
        var registry = factory.Services.GetRequiredService<RegistryQueries>();
        var found = await registry.ResidentsAsync(ApiDistrict.DistrictCode, RegistryFactory.StreetTwoIdNumber.ToLowerInvariant(), KeyGroups.None, 0, 500);
        var only = Assert.Single(found.Items);
        Assert.Equal("李**", only.Name);
        Assert.Equal("610202********351X", only.IdNumber);
        Assert.Equal(RegistryResultPage<ResidentRecord>.MaxSize, found.PageSize);
        Assert.Empty((await registry.ResidentsAsync(ApiDistrict.DistrictCode, "610202197503123510", KeyGroups.None, 0, 20)).Items);

        var building = await factory.QueryAsync(db => db.Buildings.SingleAsync(b => b.Code == RegistryFactory.BuildingCode));
        var outsider = new RegistryActor("u1", "测试", ApiDistrict.Street1Code, MayUnmask: true);
        Assert.Equal(Data.OperationStatus.OutOfScope, (await registry.EditBuildingAsync(building.Id, new BuildingEdit("新名", "新址", 8), outsider)).Status);
        Assert.Equal(Data.OperationStatus.OutOfScope, (await registry.RevealAsync(factory.District.ElderId, "核实", outsider with { ScopeCode = ApiDistrict.Street2Code })).Status);
        Assert.Equal(Data.OperationStatus.OutOfScope, (await registry.RevealAsync(factory.District.ElderId, "核实", outsider with { MayUnmask = false, ScopeCode = null })).Status);
        Assert.Equal(Data.OperationStatus.Invalid, (await registry.RevealAsync(factory.District.ElderId, " ", outsider with { ScopeCode = null })).Status);

        var insider = outsider with { ScopeCode = ApiDistrict.Street2Code };
        Assert.True((await registry.EditBuildingAsync(building.Id, new BuildingEdit("新村3号楼（东）", "红旗街3号", 9), insider)).Value);
        var entry = await factory.QueryAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == RegistryAuditActions.BuildingEdit));
        Assert.Contains("floors=7", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("floors=9", entry.Detail, StringComparison.Ordinal);
    }
}
