using CommandCenter.Data.Analytics;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Registry;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Web.Components.Registry;

/// <summary>
/// /registry: the registries of one node (district → street → community → grid) within the user's scope: the same totals
/// as the home page and the wall, and tabs of residents, key groups, buildings, places, components and organisations, all
/// read through <see cref="RegistryQueries"/> (masked records, server-side paging).
/// </summary>
public sealed partial class RegistryPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private bool _failed;
    private bool _notFound;
    private int _tab;
    private string? _scope;

    [Inject] private RegistryQueries Registry { get; set; } = default!;
    [Inject] private IStringLocalizer<RegistryResource> Text { get; set; } = default!;
    [Inject] private ILogger<RegistryPage> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [SupplyParameterFromQuery(Name = "node")] public string? NodeParameter { get; set; }

    private RegistryNode? Node { get; set; }
    private RegistryCounts? Counts { get; set; }
    private RegistryActor? Actor { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _failed = _notFound = false;
        Node = null;
        Counts = null;
        try
        {
            var user = AuthenticationState is null ? new System.Security.Claims.ClaimsPrincipal() : (await AuthenticationState).User;
            Actor = RegistryRoles.ActorOf(user);
            _scope = user.FindFirst(CommandCenterClaims.Scope)?.Value;
            var district = await Registry.DistrictCodeAsync(_disposed.Token);
            var code = district is null ? null : AnalyticsReader.EffectiveCode(NodeParameter, _scope, district);
            Node = code is not null && HierarchyCode.IsValid(code) ? await Registry.NodeAsync(code, _disposed.Token) : null;
            _notFound = Node is null;
            if (Node is not null)
            {
                Counts = await Registry.CountsAsync(Node.Node.Code, _disposed.Token);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not read the registry of {Node}", NodeParameter);
            _failed = true;
        }
    }

    private static IEnumerable<(string Key, long Value)> CountTiles(RegistryCounts c) =>
    [
        ("Residents", c.Residents), ("Households", c.Households), ("Buildings", c.Buildings), ("Rooms", c.Rooms),
        ("Places", c.Places), ("Components", c.Components), ("Organizations", c.Organizations),
    ];

    private static string Link(string code) => "registry?node=" + Uri.EscapeDataString(code);

    /// <summary>Ancestors above a scoped user's node are shown, not linked.</summary>
    private bool InScope(string code) => HierarchyCode.IsWithin(code, _scope);

    private Task<RegistryResultPage<PlaceRecord>> LoadPlacesAsync(string? search, int page, int size, CancellationToken ct) =>
        Registry.PlacesAsync(Node!.Node.Code, search, page, size, ct);

    private Task<RegistryResultPage<ComponentRecord>> LoadComponentsAsync(string? search, int page, int size, CancellationToken ct) =>
        Registry.ComponentsAsync(Node!.Node.Code, search, page, size, ct);

    private Task<RegistryResultPage<OrganizationRecord>> LoadOrganizationsAsync(string? search, int page, int size, CancellationToken ct) =>
        Registry.OrganizationsAsync(Node!.Node.Code, search, page, size, ct);

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
