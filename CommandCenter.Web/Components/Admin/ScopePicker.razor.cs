using CommandCenter.Data.Hierarchy;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Components.Admin;

/// <summary>Picks a scope from the whole hierarchy (455 grids render fine; only expanded branches are drawn).</summary>
public sealed partial class ScopePicker
{
    private List<TreeItemData<string>> _items = [];
    private IReadOnlyList<HierarchyTreeNode>? _built;

    [Parameter, EditorRequired]
    public IReadOnlyList<HierarchyTreeNode> Areas { get; set; } = [];

    [Parameter]
    public string? Value { get; set; }

    [Parameter]
    public EventCallback<string?> ValueChanged { get; set; }

    /// <summary>Shows the scope without letting it change (an administrator whose duties do not include it).</summary>
    [Parameter]
    public bool Disabled { get; set; }

    [Inject]
    private IStringLocalizer<AdminResource> Text { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_built, Areas))
        {
            _built = Areas;
            _items = [.. Areas.Select(Item)];
        }
    }

    /// <summary>"name (code)", or the whole district for null.</summary>
    private string Describe(string? code) => AdminFormat.AreaName(Areas, code) is { } name ? $"{name} ({code})" : Text["Scope.AllDistrict"];

    private Task SetAsync(string? code) => ValueChanged.InvokeAsync(code);

    private static TreeItemData<string> Item(HierarchyTreeNode node) => new()
    {
        Value = node.Code,
        Text = $"{node.Name} · {node.Code}",
        Expanded = node.Level == HierarchyLevel.District,
        Expandable = node.Children.Count > 0,
        Children = node.Children.Count == 0 ? null : [.. node.Children.Select(Item)],
    };
}
