namespace CommandCenter.Web.Authentication;

/// <summary>
/// CORS does not cover WebSockets: a page on another site could open a Blazor circuit or a hub connection
/// with the user's cookie. Handshakes to /_blazor and /hubs carrying a foreign Origin get 403.
/// Requests without an Origin (non-browser clients) pass on to authentication.
/// </summary>
public sealed class SameOriginHandshakeMiddleware(RequestDelegate next, ILogger<SameOriginHandshakeMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase))
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length > 0 && !IsSameHost(origin, context.Request.Host))
            {
                logger.LogWarning("Refused a {Path} handshake from foreign origin {Origin}", path, origin);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }
        }
        return next(context);
    }

    public static bool IsSameHost(string origin, HostString host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && host.HasValue
        && string.Equals(uri.IsDefaultPort ? uri.Host : uri.Authority, host.Value, StringComparison.OrdinalIgnoreCase);
}
