using CommandCenter.Data.Registry;

namespace CommandCenter.Web.Components.Registry;

/// <summary>Buildings of a node; a registry user edits a building's name, address and floors (audited before → after).</summary>
public sealed partial class BuildingsTab : RegistryTab
{
    private RegistryTable<BuildingRecord>? _table;
    private BuildingRecord? _editing;
    private string? _name;
    private string? _address;
    private int _floors;

    private Task<RegistryResultPage<BuildingRecord>> LoadAsync(string? search, int page, int size, CancellationToken ct) =>
        Registry.BuildingsAsync(Node, search, page, size, ct);

    private void StartEdit(BuildingRecord building) => (_editing, _name, _address, _floors) = (building, building.Name, building.Address, building.Floors);

    private async Task SaveAsync()
    {
        if (_editing is not { } editing)
        {
            return;
        }
        if (await EditAsync(_table, () => Registry.EditBuildingAsync(editing.Id, new BuildingEdit(_name ?? "", _address ?? "", _floors), Actor)))
        {
            _editing = null;
        }
    }
}
