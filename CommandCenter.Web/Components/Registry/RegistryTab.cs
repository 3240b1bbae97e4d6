using CommandCenter.Data;
using CommandCenter.Data.Registry;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Components.Registry;

/// <summary>A tab of the registry page: the node it lists, who acts, and the message of its last edit.</summary>
public abstract class RegistryTab : ComponentBase
{
    [Inject] protected RegistryQueries Registry { get; set; } = default!;
    [Inject] protected IStringLocalizer<RegistryResource> Text { get; set; } = default!;

    [Parameter, EditorRequired] public string Node { get; set; } = "";
    [Parameter, EditorRequired] public RegistryActor Actor { get; set; } = default!;

    protected bool Busy { get; set; }
    protected string? Message { get; set; }
    protected Severity MessageSeverity { get; set; } = Severity.Info;

    /// <summary>Runs an edit through the tab's table (which re-reads its page) and shows how it went; true when it was saved.</summary>
    protected async Task<bool> EditAsync<TRecord>(RegistryTable<TRecord>? table, Func<Task<OperationResult<bool>>> edit)
    {
        if (table is null)
        {
            return false;
        }
        Busy = true;
        try
        {
            var (saved, message, severity) = await table.EditAsync(edit);
            (Message, MessageSeverity) = (message, severity);
            return saved;
        }
        finally
        {
            Busy = false;
        }
    }
}
