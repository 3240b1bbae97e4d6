using CommandCenter.Data.Registry;

namespace CommandCenter.Web.Components.Registry;

/// <summary>一老一小一特: the key-group counts of every grid of the node, and the list of one group for the grid workers' visits.</summary>
public sealed partial class KeyGroupsTab : RegistryTab
{
    private IReadOnlyList<KeyGroupGrid>? _grids;
    private string? _loadedNode;
    private KeyGroupList _list = KeyGroupList.Elderly;

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
