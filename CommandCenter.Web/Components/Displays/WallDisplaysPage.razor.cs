using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Web.Components.Wall;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using CommandCenter.Data.Auditing;

namespace CommandCenter.Web.Components.Displays;

/// <summary>
/// /admin/wall-displays: administrators list the Wall accounts, make a one-time display link for a wall PC (shown once,
/// here only) and revoke one, which signs that account's displays out. Same rules and audit as the display-link API.
/// </summary>
public sealed partial class WallDisplaysPage
{
    private static readonly int[] HourChoices = [1, 8, 24, 24 * 7, WallDisplayLinkService.MaxHours];

    private IReadOnlyList<WallAccount>? _accounts;
    private WallDisplayLinks.CreatedLink? _created;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private int _hours = WallDisplayLinkService.DefaultHours;
    private string? _query;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private WallDisplayLinkService Links { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DisplaysResource> Text { get; set; } = default!;

    [Inject]
    private ILogger<WallDisplaysPage> Logger { get; set; } = default!;

    /// <summary>The accounts shown (for tests).</summary>
    public IReadOnlyList<WallAccount>? Accounts => _accounts;

    protected override async Task OnInitializedAsync() => _accounts = await Links.AccountsAsync();

    private async Task CreateAsync(string userName) => await RunAsync(async actor =>
    {
        _created = await Links.CreateAsync(userName, _hours, _query, actor, Navigation.BaseUri, CancellationToken.None);
        _message = null;
    });

    private async Task RevokeAsync(string userName) => await RunAsync(async actor =>
    {
        await Links.RevokeAsync(userName, actor, CancellationToken.None);
        _created = null;
        (_message, _messageSeverity) = (Text["Revoked", userName], Severity.Info);
    });

    private async Task RunAsync(Func<AuditActor, Task> action)
    {
        _busy = true;
        try
        {
            var user = (await AuthenticationState).User;
            await action(AuditActor.From(user));
            _accounts = await Links.AccountsAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Logger.LogError(ex, "Wall display link action failed");
            (_message, _messageSeverity) = (Text["Failed", ex.Message], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
