using CommandCenter.Web.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace CommandCenter.Web.Components.Account;

/// <summary>
/// Idle sign-out of an open circuit (console, analytics, admin, registry): a small script reports pointer, keyboard and
/// touch input at most every 30 s (and slides the cookie through /account/keep-alive); when <see cref="IdleSessionMonitor"/>
/// sees none for Security:IdleTimeout, the browser goes to the idle sign-out endpoint, which ends the session and shows the
/// login page with the notice. Wall-only accounts are exempt.
/// </summary>
public sealed partial class IdleSignOut : ComponentBase, IAsyncDisposable
{
    public const int ReportIntervalMilliseconds = 30_000;

    private DotNetObjectReference<IdleSignOut>? _self;
    private IJSObjectReference? _module;

    [Inject]
    private IdleSessionMonitor Monitor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || AuthenticationState is null || !RendererInfo.IsInteractive)
        {
            return;
        }
        var user = (await AuthenticationState).User;
        if (IdleSessionMonitor.IsExempt(user))
        {
            return;
        }
        Monitor.Start(() => _ = InvokeAsync(() =>
        {
            var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            Navigation.NavigateTo(Monitor.SignOutUrl(user, here), forceLoad: true);
        }));
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Account/IdleSignOut.razor.js");
        await _module.InvokeVoidAsync("start", _self, ReportIntervalMilliseconds);
    }

    /// <summary>Called by the script when the user did something (throttled in the browser).</summary>
    [JSInvokable]
    public void ReportInput() => Monitor.RecordInput();

    public async ValueTask DisposeAsync()
    {
        Monitor.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("stop");
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
        _self?.Dispose();
    }
}
