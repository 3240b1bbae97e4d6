using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Web.Components.Console;

/// <summary>The duty officers' console: SOS banner, live queue with saved views, and the supervision list.</summary>
public sealed partial class ConsolePage
{
    private ActingOfficer? _officer;
    private QueueView _view = QueueView.MyArea;
    private int _tab;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ConsoleResource> Text { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _officer = ConsoleOfficer.From((await AuthenticationState).User);
}
