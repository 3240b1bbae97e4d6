using System.Security.Claims;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Components.Layout;

public partial class MainLayout
{
    private bool _drawerOpen = true;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirst(CommandCenterClaims.DisplayName)?.Value ?? user.Identity?.Name ?? string.Empty;

    private string RoleLabel(ClaimsPrincipal user)
    {
        var role = Roles.All.FirstOrDefault(user.IsInRole);
        return role is null ? L["Role.None"] : L[$"Role.{role}"];
    }

    /// <summary>A full page load through the culture endpoint, so the new circuit starts in the chosen culture.</summary>
    private void SwitchCulture(string culture)
    {
        var back = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo($"culture/set?culture={Uri.EscapeDataString(culture)}&redirectUri={Uri.EscapeDataString(back)}", forceLoad: true);
    }
}
