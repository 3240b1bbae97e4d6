using System.Net;
using System.Security.Claims;
using Bunit;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Components.Account;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Authentication;

/// <summary>
/// Idle sign-out of an open circuit: the component on a fake clock (31 minutes without input → the sign-out link; input
/// resets the clock; Wall-only accounts exempt), and the endpoint over the whole app (it really ends the session).
/// </summary>
public sealed class IdleSignOutTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>, IAsyncDisposable
{
    private readonly BunitContext _context = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    private IRenderedComponent<IdleSignOut> Render(params string[] roles)
    {
        _context.Services.AddLocalization();
        _context.Services.AddSingleton<TimeProvider>(_time);
        _context.Services.AddSingleton(Options.Create(new SecurityOptions()));
        _context.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        _context.Services.AddScoped<IdleSessionMonitor>();
        var auth = _context.AddAuthorization();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        auth.SetAuthorized("idle-user");
        auth.SetRoles(roles);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-1"));
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/console?tab=queue");
        return _context.Render<IdleSignOut>();
    }

    private string Uri => _context.Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public void Thirty_one_minutes_without_input_go_to_the_sign_out_link_with_the_page_to_come_back_to()
    {
        var idle = Render(Roles.DutyOfficer);
        _context.JSInterop.VerifyInvoke("import");

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.EndsWith("/console?tab=queue", Uri, StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromMinutes(2));

        idle.WaitForAssertion(() => Assert.Contains(IdleSessionMonitor.SignOutPath + "?token=", Uri, StringComparison.Ordinal));
        Assert.Contains("returnUrl=%2Fconsole%3Ftab%3Dqueue", Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_reported_by_the_browser_restarts_the_clock()
    {
        var idle = Render(Roles.Analyst);

        _time.Advance(TimeSpan.FromMinutes(20));
        idle.Instance.ReportInput();
        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.DoesNotContain(IdleSessionMonitor.SignOutPath, Uri, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMinutes(11));
        idle.WaitForAssertion(() => Assert.Contains(IdleSessionMonitor.SignOutPath, Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wall_only_account_is_never_signed_out_for_idleness()
    {
        Render(Roles.Wall);

        _time.Advance(TimeSpan.FromHours(3));

        Assert.DoesNotContain(IdleSessionMonitor.SignOutPath, Uri, StringComparison.Ordinal);
        Assert.Empty(_context.JSInterop.Invocations);
    }

    [Fact]
    public async Task The_sign_out_link_ends_the_session_and_the_login_page_says_why()
    {
        var user = await factory.CreateUserAsync("idle-endpoint", Roles.DutyOfficer);
        var client = await factory.SignedInBrowserAsync("idle-endpoint");

        var response = await client.GetAsync(SignOutUrl(user.Id, "/console"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?idle=true&ReturnUrl=%2Fconsole", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Contains("因长时间未操作已退出", await client.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
            Assert.True(await db.AuditEntries.AnyAsync(e => e.UserName == "idle-endpoint" && e.Action == AuditActions.SignOut && e.Detail == "idle")));
    }

    [Fact]
    public async Task A_link_without_a_valid_token_for_this_user_signs_nobody_out()
    {
        var user = await factory.CreateUserAsync("idle-forged", Roles.Analyst);
        var client = await factory.SignedInBrowserAsync("idle-forged");

        var forged = await client.GetAsync($"{IdleSessionMonitor.SignOutPath}?token=abc&returnUrl=%2F");
        var someoneElses = await client.GetAsync(SignOutUrl("another-user-id", "/"));

        Assert.Equal("/", forged.Headers.Location!.OriginalString);
        Assert.Equal("/", someoneElses.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.NotNull(user);
    }

    private string SignOutUrl(string userId, string returnUrl)
    {
        using var scope = factory.Services.CreateScope();
        var monitor = scope.ServiceProvider.GetRequiredService<IdleSessionMonitor>();
        return monitor.SignOutUrl(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test")), returnUrl);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
