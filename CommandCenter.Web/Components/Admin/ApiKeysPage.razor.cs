using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommandCenter.Web.Components.Admin;

/// <summary>
/// /admin/api-keys: administrators list the machine channels' keys with their last use, create one (channel, optional
/// scope, permissions; the key is shown once, here only) and revoke one after a confirmation. Same rules and audit as
/// /api/v1/admin/api-keys, through <see cref="ApiKeyAdministration"/>.
/// </summary>
public sealed partial class ApiKeysPage
{
    private IReadOnlyList<ApiKeySummary>? _keys;
    private IReadOnlyList<HierarchyTreeNode> _areas = [];
    private CreatedApiKey? _created;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private string? _channel;
    private string? _name;
    private string? _scopeCode;
    private ApiKeyPermissions _permissions = ApiKeyPermissions.Report | ApiKeyPermissions.Read;
    private int? _confirming;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ApiKeyAdministration Keys { get; set; } = default!;

    [Inject]
    private UserDirectory Directory { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private IStringLocalizer<AdminResource> Text { get; set; } = default!;

    /// <summary>The keys shown (for tests).</summary>
    public IReadOnlyList<ApiKeySummary>? Shown => _keys;

    protected override async Task OnInitializedAsync()
    {
        _areas = await Directory.AreasAsync();
        _keys = await Keys.ListAsync();
    }

    private void Toggle(ApiKeyPermissions permission, bool on) => _permissions = on ? _permissions | permission : _permissions & ~permission;

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var names = ApiKeyPermissionNames.Names(_permissions);
            var result = await Keys.CreateAsync(new NewApiKey(_channel, _scopeCode, names, _name), await ActorAsync());
            if (result.Succeeded)
            {
                _created = result.Value;
                (_message, _channel, _name) = (null, null, null);
                _keys = await Keys.ListAsync();
            }
            else
            {
                (_message, _messageSeverity) = (Text["Failed", result.Message ?? string.Empty], Severity.Error);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RevokeAsync(int id)
    {
        _busy = true;
        try
        {
            var result = await Keys.RevokeAsync(id, await ActorAsync());
            _confirming = null;
            _created = null;
            (_message, _messageSeverity) = result.Succeeded
                ? (Text["Keys.RevokedDone", result.Value!.Name], Severity.Info)
                : (Text["Failed", result.Message ?? string.Empty], Severity.Error);
            _keys = await Keys.ListAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopyAsync()
    {
        if (_created is not null)
        {
            try
            {
                await Js.InvokeVoidAsync("navigator.clipboard.writeText", _created.Key);
                (_message, _messageSeverity) = (Text["Keys.Copied"], Severity.Info);
            }
            catch (JSException)
            {
                // No clipboard outside a secure context (plain http on another host): the key stays selectable in the field.
                (_message, _messageSeverity) = (Text["Keys.CopyFailed"], Severity.Warning);
            }
        }
    }

    private async Task<AdminActor> ActorAsync() => AdminActor.From((await AuthenticationState).User, null);
}
