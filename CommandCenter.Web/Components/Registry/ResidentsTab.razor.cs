using CommandCenter.Data.People;
using CommandCenter.Data.Registry;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommandCenter.Web.Components.Registry;

/// <summary>
/// Residents of a node (or the members of some key groups), masked on the server. An actor who may unmask reveals one
/// record after giving a reason (audited); any registry user edits phone, type, key groups and party membership (audited).
/// </summary>
public sealed partial class ResidentsTab : RegistryTab
{
    private static readonly KeyGroups[] Groups = [.. Enum.GetValues<KeyGroups>().Where(g => g != KeyGroups.None)];

    private RegistryTable<ResidentRecord>? _table;
    private ResidentRecord? _revealing;
    private RevealedResident? _revealed;
    private string? _reason;
    private ResidentRecord? _editing;
    private string? _phone;
    private ResidentType _type;
    private KeyGroups _groups;
    private bool _party;

    /// <summary>Keeps members of any of these key groups (none: everybody).</summary>
    [Parameter] public KeyGroups AnyOf { get; set; }
    [Parameter] public string Name { get; set; } = "residents";

    /// <summary>The table re-reads when the node or the key-group filter changes.</summary>
    private string TableKey => $"{Node}:{(int)AnyOf}";

    private Task<RegistryResultPage<ResidentRecord>> LoadAsync(string? search, int page, int size, CancellationToken ct) =>
        Registry.ResidentsAsync(Node, search, AnyOf, page, size, ct);

    private string GroupText(KeyGroups groups) =>
        string.Join("、", Groups.Where(g => groups.HasFlag(g)).Select(g => (string)L["KeyGroup." + g]));

    private void StartReveal(ResidentRecord record)
    {
        (_revealing, _revealed, _reason, _editing) = (record, null, null, null);
    }

    private void CloseReveal() => (_revealing, _revealed, _reason) = (null, null, null);

    private async Task RevealAsync()
    {
        if (_revealing is not { } target)
        {
            return;
        }
        Busy = true;
        try
        {
            var result = await Registry.RevealAsync(target.Id, _reason, Actor);
            if (result.Succeeded)
            {
                _revealed = result.Value;
            }
            else
            {
                Show(Text["Failed", result.Message ?? result.Status.ToString()], Severity.Error);
            }
        }
        finally
        {
            Busy = false;
        }
    }

    private void StartEdit(ResidentRecord record)
    {
        (_editing, _phone, _type, _groups, _party) = (record, null, record.Type, record.KeyGroups, record.IsPartyMember);
        CloseReveal();
    }

    private void Toggle(KeyGroups group, bool on) => _groups = on ? _groups | group : _groups & ~group;

    private async Task SaveAsync()
    {
        if (_editing is not { } editing)
        {
            return;
        }
        if (await EditAsync(_table, () => Registry.EditResidentAsync(editing.Id, new ResidentEdit(_phone, _type, _groups, _party), Actor)))
        {
            _editing = null;
        }
    }

    private void Show(string message, Severity severity) => (Message, MessageSeverity) = (message, severity);
}
