using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Components;
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
    private CreatedApiKey? _created;
    private string? _channel;
    private string? _name;
    private string? _scopeCode;
    private ApiKeyPermissions _permissions = ApiKeyPermissions.Report | ApiKeyPermissions.Read;
    private int? _confirming;

    [Inject]
    private ApiKeyAdministration Keys { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    /// <summary>The keys shown (for tests).</summary>
    public IReadOnlyList<ApiKeySummary>? Shown => _keys;

    protected override async Task OnInitializedAsync()
    {
        await LoadAreasAsync();
        _keys = await Keys.ListAsync();
    }

    private void Toggle(ApiKeyPermissions permission, bool on) => _permissions = on ? _permissions | permission : _permissions & ~permission;

    private Task CreateAsync() => RunBusyAsync(async actor =>
    {
        var result = await Keys.CreateAsync(new NewApiKey(_channel, _scopeCode, ApiKeyPermissionNames.Names(_permissions), _name), actor);
        if (!result.Succeeded)
        {
            SayFailed(result.Message);
            return;
        }
        (_created, Message, _channel, _name) = (result.Value, null, null, null);
        _keys = await Keys.ListAsync();
    });

    private Task RevokeAsync(int id) => RunBusyAsync(async actor =>
    {
        var result = await Keys.RevokeAsync(id, actor);
        (_confirming, _created) = (null, null);
        if (result.Succeeded)
        {
            Say(Text["Keys.RevokedDone", result.Value!.Name], Severity.Info);
        }
        else
        {
            SayFailed(result.Message);
        }
        _keys = await Keys.ListAsync();
    });

    private async Task CopyAsync()
    {
        if (_created is not null)
        {
            try
            {
                await Js.InvokeVoidAsync("navigator.clipboard.writeText", _created.Key);
                Say(Text["Keys.Copied"], Severity.Info);
            }
            catch (JSException)
            {
                // No clipboard outside a secure context (plain http on another host): the key stays selectable in the field.
                Say(Text["Keys.CopyFailed"], Severity.Warning);
            }
        }
    }
}
