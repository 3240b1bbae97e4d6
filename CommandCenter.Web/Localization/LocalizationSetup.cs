using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CommandCenter.Web.Localization;

/// <summary>zh-CN by default, English available; the choice lives in the culture cookie.</summary>
public static class LocalizationSetup
{
    public const string DefaultCulture = "zh-CN";
    public static readonly IReadOnlyList<string> SupportedCultures = [DefaultCulture, "en"];

    /// <summary>How every page shows a day, in both languages: the Chinese yyyy-MM-dd (for date pickers' DateFormat too).</summary>
    public const string DateFormat = "yyyy-MM-dd";

    public static string Date(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static IServiceCollection AddCommandCenterLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SupportedCultures.ToArray();
            o.SetDefaultCulture(DefaultCulture).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>GET /culture/set?culture=en&amp;redirectUri=/ sets the cookie and goes back (a full page load, so the circuit restarts in the new culture).</summary>
    public static IEndpointConventionBuilder MapCultureEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/culture/set", (string? culture, string? redirectUri, HttpContext context, TimeProvider time) =>
        {
            if (culture is not null && SupportedCultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
                    new CookieOptions { Expires = time.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            }
            return TypedResults.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
        }).AllowAnonymous();

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
