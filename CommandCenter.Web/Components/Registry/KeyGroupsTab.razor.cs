using CommandCenter.Data.Registry;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Web.Components.Registry;

/// <summary>一老一小一特: the key-group counts of every grid of the node, and the list of one group for the grid workers' visits.</summary>
public sealed partial class KeyGroupsTab
{
    private IReadOnlyList<KeyGroupGrid>? _grids;
    private string? _loadedNode;
    private KeyGroupList _list = KeyGroupList.Elderly;

    [Inject] private RegistryQueries Registry { get; set; } = default!;
    [Inject] private IStringLocalizer<RegistryResource> R { get; set; } = default!;

    [Parameter, EditorRequired] public string Node { get; set; } = "";
    [Parameter, EditorRequired] public RegistryActor Actor { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedNode != Node)
        {
            _loadedNode = Node;
            _grids = null;
            _grids = await Registry.KeyGroupGridsAsync(Node);
        }
    }
}
