using CommandCenter.Data;
using CommandCenter.Data.Registry;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Components.Registry;

/// <summary>
/// One registry list: a search box, a page of rows read on the server through <see cref="Load"/> (page size bounded by
/// <see cref="RegistryResultPage{T}.MaxSize"/>) and a pager. Re-reads when <see cref="Node"/> changes or <see cref="ReloadAsync"/> is called.
/// </summary>
public sealed partial class RegistryTable<TRecord> : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private RegistryResultPage<TRecord>? _page;
    private string? _search;
    private string? _loadedNode;
    private bool _failed;

    [Inject] private IStringLocalizer<RegistryResource> Text { get; set; } = default!;
    [Inject] private ILogger<RegistryTable<TRecord>> Logger { get; set; } = default!;

    /// <summary>Reads a page: search text, page index (from 0), page size.</summary>
    [Parameter, EditorRequired] public Func<string?, int, int, CancellationToken, Task<RegistryResultPage<TRecord>>> Load { get; set; } = default!;
    [Parameter, EditorRequired] public string Node { get; set; } = "";
    [Parameter, EditorRequired] public string Name { get; set; } = "";
    [Parameter, EditorRequired] public RenderFragment Header { get; set; } = default!;
    [Parameter, EditorRequired] public RenderFragment<TRecord> Row { get; set; } = default!;
    [Parameter] public string? SearchLabel { get; set; }
    [Parameter] public string? SearchHelp { get; set; }
    [Parameter] public int PageSize { get; set; } = RegistryResultPage<TRecord>.DefaultSize;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedNode != Node)
        {
            _loadedNode = Node;
            _search = null;
            await ReadAsync(0);
        }
    }

    /// <summary>Re-reads the current page (after an edit).</summary>
    public async Task ReloadAsync()
    {
        await ReadAsync(_page?.Page ?? 0);
        StateHasChanged();
    }

    /// <summary>Runs an edit of a listed record, re-reads the page when it succeeded, and says how it went.</summary>
    public async Task<(bool Succeeded, string Message, Severity Severity)> EditAsync(Func<Task<OperationResult<bool>>> edit)
    {
        var result = await edit();
        if (!result.Succeeded)
        {
            return (false, Text["Failed", result.Message ?? result.Status.ToString()], Severity.Error);
        }
        await ReloadAsync();
        return (true, result.Value ? Text["Saved"] : Text["Unchanged"], Severity.Success);
    }

    private Task SearchAsync() => ReadAsync(0);

    private Task PageAsync(int selected) => ReadAsync(selected - 1);

    private async Task ReadAsync(int page)
    {
        _failed = false;
        try
        {
            _page = await Load(_search, page, PageSize, _disposed.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not read the registry list {Name} of {Node}", Name, Node);
            _failed = true;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
