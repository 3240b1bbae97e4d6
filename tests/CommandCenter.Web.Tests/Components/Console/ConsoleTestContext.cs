using System.Globalization;
using System.Security.Claims;
using Bunit;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>
/// A bUnit context for one signed-in officer on the real app (<see cref="ApiFactory"/>: SQLite, live metrics, the
/// transition, SOS and supervision services, the audit log); components resolve everything else from the app.
/// </summary>
public sealed class ConsoleTestContext : IAsyncDisposable
{
    private readonly CultureInfo _previousCulture = CultureInfo.CurrentUICulture;

    public ConsoleTestContext(ApiFactory factory, string userId, string name, string role = Roles.DutyOfficer, string? scope = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10); // a shared 2-core machine: database round trips can take a while
        Bunit.Services.AddMudServices();
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = Bunit.AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetRoles(role);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId), new(CommandCenterClaims.DisplayName, name) };
        if (scope is not null)
        {
            claims.Add(new Claim(CommandCenterClaims.Scope, scope));
        }
        auth.SetClaims([.. claims]);
        Bunit.Services.AddFallbackServiceProvider(factory.Services);
        Popover = Bunit.Render<MudPopoverProvider>();
        Officer = new ActingOfficer(userId, name, scope, [role]);
    }

    public BunitContext Bunit { get; } = new();

    public ActingOfficer Officer { get; }

    /// <summary>Where MudSelect and menu popovers render.</summary>
    public IRenderedComponent<MudPopoverProvider> Popover { get; }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _previousCulture;
    }
}

/// <summary>Incidents reported through the real intake service.</summary>
public static class ConsoleIncidents
{
    public static readonly IncidentActor Reporter = new(null, "网格员测试");

    public static async Task<Incident> ReportAsync(ApiFactory factory, string title, string gridCode = ApiDistrict.Grid1Code,
        SourceChannel source = SourceChannel.GridWorker, IncidentPriority priority = IncidentPriority.Normal, string? reporterName = null, string? reporterPhone = null, DateTime? reportedAt = null,
        IReadOnlyList<string>? photoUrls = null)
    {
        var intake = factory.Services.GetRequiredService<IncidentIntakeService>();
        var result = await intake.ReportAsync(new IncidentReport
        {
            Title = title, Description = $"{title}：测试描述", Source = source, CategoryCode = ApiDistrict.EventCategory, Priority = priority,
            ReporterName = reporterName, ReporterPhone = reporterPhone, ReportedAt = reportedAt, PhotoUrls = photoUrls,
            Latitude = ApiDistrict.CentreOf(GridNumber(gridCode)).Latitude, Longitude = ApiDistrict.CentreOf(GridNumber(gridCode)).Longitude,
        }, Reporter, scopeCode: null);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? []));
        return result.Incident!;
    }

    private static int GridNumber(string gridCode) => gridCode switch
    {
        ApiDistrict.Grid1Code => 1,
        ApiDistrict.Grid2Code => 2,
        _ => 3,
    };

    /// <summary>Moves an incident forward through the transition service (as another officer).</summary>
    public static async Task<Incident> ApplyAsync(ApiFactory factory, long id, IncidentCommand command, string actor = "其他值班员")
    {
        var result = await factory.Services.GetRequiredService<IncidentTransitionService>().ApplyAsync(id, command, new IncidentActor("other", actor), null);
        Assert.True(result.Succeeded, result.Message);
        return result.Incident!;
    }
}

/// <summary>
/// Find-and-act on the renderer's thread: the console pages re-render every second (the SLA clocks), so an element found
/// earlier may carry a stale event handler id by the time it is clicked.
/// </summary>
public static class ConsoleRendered
{
    public static Task ClickAsync<T>(this IRenderedComponent<T> cut, string selector)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        cut.WaitForElement(selector);
        return cut.InvokeAsync(() => cut.Find(selector).Click());
    }

    public static Task InputAsync<T>(this IRenderedComponent<T> cut, string selector, string value)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        cut.WaitForElement(selector);
        return cut.InvokeAsync(() => cut.Find(selector).Input(value));
    }
}
