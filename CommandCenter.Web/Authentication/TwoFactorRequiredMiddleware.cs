using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Authentication;

/// <summary>
/// A signed-in user in a role of Security:RequireTwoFactorFor who has no second factor yet may only enrol: page navigations
/// go to /account/two-factor, API and hub calls get 403 (the same pattern as <see cref="PasswordChangeRequiredMiddleware"/>,
/// which runs first). Whether the user has one is looked up once per security stamp: turning it on or off changes the stamp.
/// </summary>
public sealed class TwoFactorRequiredMiddleware(RequestDelegate next, IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    public const string PagePath = "/account/two-factor";

    public async Task InvokeAsync(HttpContext context, TwoFactorAccounts accounts, UserManager<AppUser> users)
    {
        if (PasswordChangeRequiredMiddleware.IsExempt(context) || !accounts.IsRequiredFor(context.User)
            || await HasSecondFactorAsync(context, accounts, users))
        {
            await next(context);
            return;
        }
        await PasswordChangeRequiredMiddleware.Divert(context, PagePath, "Set up two-factor sign-in first: your role requires it.");
    }

    private async Task<bool> HasSecondFactorAsync(HttpContext context, TwoFactorAccounts accounts, UserManager<AppUser> users)
    {
        var stamp = context.User.FindFirst(identity.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        var key = ("cc:2fa", users.GetUserId(context.User), stamp);
        if (cache.TryGetValue(key, out bool enabled))
        {
            return enabled;
        }
        var user = await users.GetUserAsync(context.User);
        enabled = user is not null && await accounts.IsEnabledAsync(user);
        cache.Set(key, enabled, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 });
        return enabled;
    }
}
