using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Authentication;

/// <summary>
/// One per circuit: the time of the user's last input (pointer, keyboard, touch, reported by the browser at most every
/// 30 s) and a timer on <see cref="TimeProvider"/> that fires once when Security:IdleTimeout passes without any. SignalR
/// traffic alone (live updates, render acknowledgements) never counts. Wall-only accounts (display links) are exempt.
/// </summary>
public sealed class IdleSessionMonitor(TimeProvider time, IOptions<SecurityOptions> security, IDataProtectionProvider protection) : IDisposable
{
    public const string SignOutPath = "/account/idle-signout";
    private const string Purpose = "CommandCenter.IdleSignOut";
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private ITimer? _timer;
    private DateTimeOffset _lastInput;
    private Action? _onIdle;

    public TimeSpan Timeout => security.Value.IdleTimeout;

    /// <summary>True for accounts never signed out for idleness: the wall's unattended PCs (Wall role only, signed in by display link).</summary>
    public static bool IsExempt(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true || PasswordChangeRequiredMiddleware.IsWallOnly(user);

    /// <summary>Starts watching (the circuit's first render counts as input); <paramref name="onIdle"/> runs once.</summary>
    public void Start(Action onIdle)
    {
        lock (_gate)
        {
            _onIdle = onIdle;
            _lastInput = time.GetUtcNow();
            var period = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, Math.Max(TimeSpan.FromSeconds(1).Ticks, Timeout.Ticks / 10)));
            _timer ??= time.CreateTimer(_ => Check(), null, period, period);
        }
    }

    /// <summary>The browser saw input.</summary>
    public void RecordInput()
    {
        lock (_gate)
        {
            _lastInput = time.GetUtcNow();
        }
    }

    /// <summary>A link to <see cref="SignOutPath"/> that signs this user out (a protected, short-lived token bound to the user, not guessable by another site).</summary>
    public string SignOutUrl(ClaimsPrincipal user, string returnUrl)
    {
        var token = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector()
            .Protect(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty, LinkLifetime);
        return $"{SignOutPath}?token={Uri.EscapeDataString(token)}&returnUrl={Uri.EscapeDataString(returnUrl)}";
    }

    /// <summary>True when the token was made by <see cref="SignOutUrl"/> for this user and has not expired.</summary>
    public static bool IsValidToken(IDataProtectionProvider protection, string? token, ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(userId))
        {
            return false;
        }
        try
        {
            return protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(token) == userId;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private void Check()
    {
        Action? fire = null;
        lock (_gate)
        {
            if (_onIdle is not null && time.GetUtcNow() - _lastInput >= Timeout)
            {
                fire = _onIdle;
                _onIdle = null;
                _timer?.Dispose();
                _timer = null;
            }
        }
        fire?.Invoke();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            _onIdle = null;
        }
    }
}
