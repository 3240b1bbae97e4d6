using CommandCenter.Data.Registry;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Components.Registry;

/// <summary>Buildings of a node; a registry user edits a building's name, address and floors (audited before → after).</summary>
public sealed partial class BuildingsTab
{
    private RegistryTable<BuildingRecord>? _table;
    private BuildingRecord? _editing;
    private string? _name;
    private string? _address;
    private int _floors;
    private bool _busy;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    [Inject] private RegistryQueries Registry { get; set; } = default!;
    [Inject] private IStringLocalizer<RegistryResource> R { get; set; } = default!;

    [Parameter, EditorRequired] public string Node { get; set; } = "";
    [Parameter, EditorRequired] public RegistryActor Actor { get; set; } = default!;

    private Task<RegistryPage<BuildingRecord>> LoadAsync(string? search, int page, int size, CancellationToken ct) =>
        Registry.BuildingsAsync(Node, search, page, size, ct);

    private void StartEdit(BuildingRecord building) => (_editing, _name, _address, _floors) = (building, building.Name, building.Address, building.Floors);

    private async Task SaveAsync()
    {
        if (_editing is not { } editing)
        {
            return;
        }
        _busy = true;
        try
        {
            var (saved, message, severity) = await _table!.EditAsync(() => Registry.EditBuildingAsync(editing.Id, new BuildingEdit(_name ?? "", _address ?? "", _floors), Actor));
            (_message, _messageSeverity, _editing) = (message, severity, saved ? null : editing);
        }
        finally
        {
            _busy = false;
        }
    }
}
