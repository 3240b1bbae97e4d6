using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// The browser-facing security headers on every response (pages, API errors, static files, hub negotiation, error pages):
/// a Content-Security-Policy allowing only this origin (scripts by file or by this request's nonce, never eval;
/// inline styles, which MudBlazor and ApexCharts set), nosniff, a same-origin referrer, a Permissions-Policy that
/// turns camera, microphone and geolocation off except on the pages <see cref="SecurityHeadersOptions"/> lists,
/// and no framing by other sites.
/// </summary>
/// <remarks>Written when the response starts, so an exception handler that clears the headers cannot drop them.</remarks>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    private static readonly object NonceKey = new();

    /// <summary>The nonce this request's CSP allows for inline scripts (the import map); null outside a request through this middleware.</summary>
    public static string? NonceOf(HttpContext context) => context.Items.TryGetValue(NonceKey, out var nonce) ? nonce as string : null;

    public Task InvokeAsync(HttpContext context)
    {
        // Hex, not base64: "+", "/" and "=" would be entity-encoded in the attribute and no longer match the header.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            Apply(context, nonce);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private void Apply(HttpContext context, string nonce)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy(context.Request.Path);
    }

    /// <summary>connect-src 'self' covers the WebSocket to this origin (ws: and wss:, CSP level 3).</summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "media-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'self'";

    private string PermissionsPolicy(PathString path)
    {
        var value = options.Value;
        return $"camera={Allow(value.CameraPaths, path)}, geolocation={Allow(value.GeolocationPaths, path)}, microphone=(), payment=(), usb=()";
    }

    private static string Allow(List<string> prefixes, PathString path) =>
        prefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) ? "(self)" : "()";
}
