using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using CommandCenter.Data.Auditing;

namespace CommandCenter.Web.Components.Admin;

/// <summary>What the administration pages share: the acting administrator, the area tree, a busy flag and a message line.</summary>
public abstract class AdminPageBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The signed-in administrator.</summary>
    protected Task<AuthenticationState> SignedIn => AuthenticationState;

    [Inject]
    protected IStringLocalizer<AdminResource> Text { get; set; } = default!;

    [Inject]
    protected UserDirectory Directory { get; set; } = default!;

    /// <summary>The district hierarchy, for scope labels and pickers.</summary>
    protected IReadOnlyList<HierarchyTreeNode> Areas { get; private set; } = [];

    protected bool Busy { get; private set; }

    protected string? Message { get; set; }

    protected Severity MessageSeverity { get; private set; } = Severity.Info;

    protected async Task LoadAreasAsync() => Areas = await Directory.AreasAsync();

    protected void Say(string message, Severity severity) => (Message, MessageSeverity) = (message, severity);

    protected void SayFailed(string? reason) => Say(Text["Failed", reason ?? string.Empty], Severity.Error);

    /// <summary>Runs an action as the signed-in administrator with the buttons disabled meanwhile.</summary>
    protected async Task RunBusyAsync(Func<AuditActor, Task> work)
    {
        Busy = true;
        try
        {
            await work(AuditActor.From((await AuthenticationState).User));
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // A store failure (Identity refused an update, the database went away): say so instead of ending the circuit.
            SayFailed(ex.Message);
        }
        finally
        {
            Busy = false;
        }
    }
}
