using System.Globalization;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Api;

namespace CommandCenter.Web.Authentication;

/// <summary>The HTTP side of <see cref="FailureThrottle"/>: the client address a failure counts against, and the 429 answer.</summary>
public static class ClientThrottle
{
    /// <summary>The remote address (made correct behind a proxy by the forwarded-headers middleware).</summary>
    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Sets Retry-After (whole seconds) and answers 429 problem+json.</summary>
    public static IResult TooManyRequests(HttpContext http, TimeSpan wait, string detail)
    {
        var seconds = SetRetryAfter(http, wait);
        return ApiProblems.Status(StatusCodes.Status429TooManyRequests, "Too many requests", $"{detail} Retry after {seconds} s.");
    }

    /// <summary>Sets the Retry-After header; returns its seconds.</summary>
    public static int SetRetryAfter(HttpContext http, TimeSpan wait)
    {
        var seconds = FailureThrottle.RetryAfterSeconds(wait);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
